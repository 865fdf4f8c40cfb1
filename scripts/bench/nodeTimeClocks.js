// @ts-check
'use strict';
/**
 * Clocks put into a running n8n through its inspector (see inspect.js) by `nodeTime.js`: each
 * wraps one function of n8n or of the node and adds up the time spent in it, per node name where
 * the function belongs to a node's run. Nothing is added to the package; the wrappers live only in
 * that n8n process. INSTALL is evaluated once the node's modules are loaded (after one execution).
 */

const INSTALL = `(() => {
	const find = (suffix) => {
		const key = Object.keys(require.cache).find((k) => k.endsWith(suffix));
		if (!key) throw new Error('not loaded: ' + suffix);
		return require.cache[key].exports;
	};
	const state = (globalThis.__throughLineNodeTime = { ms: {}, calls: {} });
	const clock = (owner, name, label, perNode) => {
		const original = owner[name];
		owner[name] = function (...args) {
			const t = performance.now();
			const key = perNode ? label + ' | ' + perNode(this, args) : label;
			const add = () => {
				state.ms[key] = (state.ms[key] ?? 0) + performance.now() - t;
				state.calls[key] = (state.calls[key] ?? 0) + 1;
			};
			let result;
			try {
				result = original.apply(this, args);
			} catch (error) {
				add();
				throw error;
			}
			if (result && typeof result.then === 'function') return result.finally(add);
			add();
			return result;
		};
	};
	const ctx = 'n8n-core/dist/execution-engine/node-execution-context/';
	const nodeContext = find(ctx + 'node-execution-context.js').NodeExecutionContext.prototype;
	const baseContext = find(ctx + 'base-execute-context.js').BaseExecuteContext.prototype;
	const byNode = (self) => self.node?.name ?? '?';
	clock(nodeContext, '_getNodeParameter', 'n8n getNodeParameter', byNode);
	clock(baseContext, 'getCredentials', 'n8n getCredentials', byNode);
	const helper = find('n8n/dist/credentials-helper.js').CredentialsHelper.prototype;
	clock(helper, 'getDecrypted', 'n8n credential: getDecrypted, all');
	clock(helper, 'getCredentialsEntity', 'n8n credential: database read');
	clock(find('n8n-core/dist/credentials.js').Credentials.prototype, 'getData', 'n8n credential: decrypt');
	clock(helper, 'applyDefaultsAndOverwrites', 'n8n credential: defaults, overwrites, expressions');
	clock(find('n8n-core/dist/execution-engine/workflow-execute.js').WorkflowExecute.prototype, 'runNode', 'n8n runNode (the node, in executionTime)', (_s, a) => a[1]?.node?.name ?? '?');
	clock(find('n8n-core/dist/execution-engine/execution-lifecycle-hooks.js').ExecutionLifecycleHooks.prototype, 'runHook', 'n8n hook', (_s, a) => a[0]);
	const ours = (path) => find('n8n-nodes-throughline/dist/nodes/ThroughLine/' + path);
	clock(ours('ThroughLine.node.js').ThroughLine.prototype, 'execute', 'ours: execute() total');
	clock(ours('transport/client.js').ThroughLineClient, 'create', 'ours: client setup (incl. getCredentials)');
	clock(ours('actions/helpline/searchTarget.js'), 'readSearchTarget', 'ours: country + topic (incl. their getNodeParameter)');
	clock(ours('transport/answerCache.js').sharedAnswers, 'lookup', 'ours: cache lookups + JSON.parse copy');
	clock(ours('helpers/simplify.js'), 'simplifyHelpline', 'ours: Simplify');
	return 'installed';
})()`;

/** The sums so far, as JSON text, and a fresh start. */
const READ_AND_RESET = `(() => {
	const s = globalThis.__throughLineNodeTime;
	const out = JSON.stringify(s);
	s.ms = {};
	s.calls = {};
	return out;
})()`;

module.exports = { INSTALL, READ_AND_RESET };
