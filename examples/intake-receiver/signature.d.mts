export declare function sign(secret: string, body: string, timestamp: number | string): string;
export declare function verify(input: { secret: string; body: string; timestamp: string | null | undefined; signature: string | null | undefined; now?: Date; maxAgeSeconds?: number }): { ok: true } | { ok: false; reason: string };
export declare function signedHeaders(secret: string, body: string, now?: Date): Record<string, string>;
