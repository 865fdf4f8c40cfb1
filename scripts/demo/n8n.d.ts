/** Types for scripts/demo/n8n.js (folded into scripts/n8n/instance.js; kept until test/e2e/queue and ai switch). */
import type { Owner } from './examples';

export type { Owner };
export declare const OWNER: Readonly<Owner>;
export declare function activateWorkflow(n8n: any, id: string): Promise<void>;
export declare function signIn(n8n: any, owner?: Owner): Promise<'login' | 'setup'>;
