/** The benchmark's pure parts: how long the API was busy within a node's run, and medians/ratios. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { apiBusyMs } = require('../../scripts/bench/measure');

const req = (url: string, receivedAt: number, answeredAt?: number) => ({
	method: 'GET',
	url,
	headers: {},
	body: '',
	receivedAt,
	answeredAt,
});

test('overlapping answers count once; gaps between them do not count', () => {
	const log = [req('/v1/helplines?a', 100, 150), req('/v1/helplines?b', 120, 170), req('/v1/helplines?c', 200, 210)];
	expect(apiBusyMs(log, 0, 1000)).toBe(80); // 100..170 and 200..210
});

test('only the part inside the node run counts, and token requests never do', () => {
	const log = [req('/oauth/token', 0, 500), req('/v1/helplines?a', 90, 130), req('/v1/helplines?b', 180, 260)];
	expect(apiBusyMs(log, 100, 200)).toBe(50); // 100..130 and 180..200
});

test('a request never answered (dropped) adds nothing; a nested one adds nothing more', () => {
	const log = [req('/v1/helplines?a', 0, 100), req('/v1/helplines?b', 10, 20), req('/v1/helplines?c', 50)];
	expect(apiBusyMs(log, 0, 1000)).toBe(100);
});
