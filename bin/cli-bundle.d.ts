import type { BuildOptions } from 'esbuild';

/** The project root: the directory above bin/. */
export declare const ROOT: string;
/** The entry's file name in the output directory. */
export declare const BUNDLE: string;
export declare function cliBundleOptions(root: string, outDir: string): BuildOptions;
/** Why the bundle in `outDir` must be (re)built, or undefined when it is up to date. */
export declare function staleReason(root: string, outDir: string): string | undefined;
/** Builds the bundle into `outDir` and returns the entry's path. */
export declare function buildBundle(root: string, outDir: string): Promise<string>;
/** The bundle's entry, built first (and said through `log`) when missing or stale. */
export declare function freshBundle(options?: {
  readonly root?: string;
  readonly outDir?: string;
  readonly log?: (line: string) => void;
}): Promise<string>;
