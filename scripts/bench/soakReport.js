// @ts-check
'use strict';
/**
 * The soak's figures as Markdown (docs/bench/soak.md): RSS after warm-up and at the end, every
 * sample of the node's module-level structures, and the caps (transport/limits.ts) that bound them.
 */

const v = (/** @type {any} */ x) => (x === null || x === undefined ? '–' : String(x));

/** @param {any} out the JSON soak.js writes */
function markdown(out) {
	const m = out.machine;
	const loads = m.loadDuringRun.filter((/** @type {number} */ x) => Number.isFinite(x));
	const full = out.executions >= out.settings.executionsAsked;
	const lines = [
		'# Benchmark: soak',
		'',
		`One n8n ${m.n8nVersion} main (\`n8n start\`, successful executions not stored), a published Webhook → ThroughLine Search workflow with the answer cache on ` +
			`(*Cache Answers For* ${out.settings.cacheMinutes} min), ${out.settings.concurrency} conversations at a time, against the local server (${out.settings.latencyMs} ms latency). ` +
			`Queries: 80 % the chatbot's 120 (Zipf), 20 % any of ${out.distinctMixed ?? 'the'} country × topic × limit (1–5) questions, more than the cache's 500 entries.`,
		'',
		`**${out.executions} executions${full ? '' : ` of the ${out.settings.executionsAsked} asked (stopped at --max-minutes=${out.settings.maxMinutes})`} in ${out.seconds} s: ${out.perSecond} a second**; ` +
			`${out.failed} without a number; ${out.calls} ThroughLine calls (+${out.tokenRequests} token), ${out.rateLimited} × 429.`,
		'',
		`VmRSS of n8n's main process (/proc/<pid>/status, after a garbage collection through the inspector): **${v(out.rssGrowthPercent)} %** from after warm-up (${out.settings.warmUp} executions) to the end (target ≤ 5 %); V8 heap used ${v(out.heapGrowthPercent)} %.`,
		'',
		'| When | Executions | s | VmRSS MiB | Heap used MiB | Cache entries | Cache bytes | Reads in flight | Quota identities | Quota buckets | Budget identities | Load (1 min) |',
		'|---|---|---|---|---|---|---|---|---|---|---|---|',
	];
	for (const s of out.samples) {
		lines.push(
			`| ${s.at} | ${s.executions} | ${s.seconds} | ${s.vmRssMiB} | ${s.heapUsedMiB} | ${v(s.answerCacheEntries)} | ${v(s.answerCacheBytes)} | ${v(s.readsInFlight)} | ${v(s.quotaIdentities)} | ${v(s.quotaBuckets)} | ${v(s.budgetIdentities)} | ${s.load1} |`,
		);
	}
	lines.push(
		'',
		'How the structures were read: n8n ran with `NODE_OPTIONS=--inspect=127.0.0.1:0`; the soak evaluated an expression in the main process through the inspector that finds the ' +
			"package's compiled `transport/answerCache.js`, `sharedReads.js`, `quota.js` and `callBudget.js` in `require.cache` and reads `sharedAnswers.size` / `.bytes`, `readsInFlight()`, the call " +
			"counter's identities and buckets and the daily call budget's identities. Nothing was added to the node.",
		'',
		'Their caps (`nodes/ThroughLine/transport/limits.ts`): answer cache ≤ 500 entries and ≤ 5,000,000 characters (least recently used first); reads in flight: one per distinct query ' +
			'being fetched at that moment, removed when it settles; quota counter ≤ 50 identities × 288 five-minute buckets. Not readable from outside (not exported): the pacing ' +
			"windows, one per API address (one here; grows only with distinct API URLs in credentials, not with executions), and each client's shared-read map (per execution, dropped with it).",
		'',
		`Machine: ${m.nproc} × ${m.cpuModel}, ${m.memoryGiB} GiB, n8n ${m.n8nVersion} on Node ${m.n8nNode}; load average (1 min) ${Math.min(...loads)}–${Math.max(...loads)} during the run ` +
			`(shared with other work). ${out.started.slice(0, 16).replace('T', ' ')} UTC.`,
	);
	if (!full)
		lines.push(
			'',
			`The full run: \`npm run bench:soak\` (= \`node scripts/bench/soak.js --executions=${out.settings.executionsAsked}\`); at ${out.perSecond} a second it takes about ${Math.ceil(out.settings.executionsAsked / out.perSecond / 60)} minutes here.`,
		);
	return lines.join('\n');
}

module.exports = { markdown };
