/** Types for registry.js (plain JS, shared by the install suites). */

export interface LocalRegistry {
	url: string;
	npmEnv: NodeJS.ProcessEnv;
	publish(tarball: string): Promise<void>;
	shimDir(): string;
	logs(): string;
	stop(): Promise<void>;
}

export declare const PUBLIC_REGISTRY: string;
export declare function startRegistry(opts?: { log?: (line: string) => void }): Promise<LocalRegistry>;
export declare function repackAs(tarball: string, version: string): Promise<string>;
export declare function nextPatch(version: string): string;
export declare function writeNpmShim(dir: string, registryUrl: string): string;
