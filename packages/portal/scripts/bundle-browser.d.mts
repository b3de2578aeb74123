export const BROWSER_ENTRIES: string[];
export const ASSETS_DIR: string;
export function bundleBrowserScripts(): Promise<void>;
