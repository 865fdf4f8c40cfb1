/** Types for scripts/demo/examples.js (plain JS, shared by scripts/start.js and the end-to-end tests). */

export type Workflow = Record<string, any>;
export type ExampleName = 'crisisLineLookup' | 'scheduledPull' | 'aiAgentTool';

export declare const EXAMPLES_DIR: string;
export declare const EXAMPLES: {
	readonly crisisLineLookup: { file: string; id: string; outputNode: string; countriesNode: string; webhookPath: string };
	readonly scheduledPull: { file: string; id: string; settingsNode: string; helplinesFile: string; countsFile: string };
	readonly aiAgentTool: { file: string; id: string; toolNode: string };
};
export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}
export declare const OWNER: Readonly<Owner>;
export declare const CREDENTIAL: { readonly id: string; readonly name: string; readonly type: string };

export interface ImportableCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, string>;
}

export declare function readExample(name: ExampleName): Workflow;
export declare function loadExamples(opts?: { filesFolder?: string; crisisCountries?: string[]; only?: ExampleName[] }): Workflow[];
export declare function nodeNamed(workflow: Workflow, name: string): Record<string, any>;
export declare function setAssignment(workflow: Workflow, nodeName: string, field: string, value: unknown): void;
export declare function localCredential(server: { url: string; clientId: string; clientSecret: string }): ImportableCredential;
export declare function localCredentialData(server: { url: string; clientId: string; clientSecret: string }): Record<string, string>;
export declare function productionCredential(keys: { clientId: string; clientSecret: string }): ImportableCredential;
export declare function nodeOutput(execution: any, nodeName: string): Array<Record<string, any>>;
export declare function executionError(execution: any): string | undefined;
export declare function summarizeCrisisLines(items: Array<Record<string, any>>, opts?: { perCountry?: number }): string;
