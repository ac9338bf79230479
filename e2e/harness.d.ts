import { type ChildProcess } from 'node:child_process';
import { type Browser, type Page } from 'playwright-core';
export declare const REPO: string;
export declare const ARTIFACTS: string;
export declare const CHROMIUM_ARGS: string[];
export type Served = {
    url: string;
    dataDir: string;
    process: ChildProcess;
    stop(): Promise<void>;
};
export declare function serveMortar(args?: string[]): Promise<Served>;
export declare function launchBrowser(): Promise<Browser>;
export declare function screenshotter(page: Page, journey: string): (step: string) => Promise<void>;
