export declare const LIB_LAYERS: Record<string, string[]>;
export declare const CLIENT_SAFE: string[];
export declare function partOf(relativePath: string): string | null;
export declare function layerViolation(from: string | null, to: string | null, options?: { typeOnly?: boolean }): string | null;
