export const ENTRIES: { seal: string; full: string };
export function bundle(options?: { external?: string[] }): Promise<{ seal: string; full: string }>;
export function gzipSize(code: string): number;
