/**
 * The deadline helpers (transport/deadline.ts): an attempt ends when its signal aborts even where
 * the HTTP layer would go on waiting, and a back-off ends when the execution is stopped.
 */
import { attemptSignal, pause, untilAborted } from '../../../../nodes/ThroughLine/transport/deadline';

const never = () => new Promise<never>(() => {});

describe('untilAborted', () => {
	test('without a signal: the work as it settles', async () => {
		await expect(untilAborted(Promise.resolve('answer'), undefined)).resolves.toBe('answer');
		await expect(untilAborted(Promise.reject(new Error('refused')), undefined)).rejects.toThrow('refused');
	});

	test('with a signal that does not abort: the work as it settles', async () => {
		const controller = new AbortController();
		await expect(untilAborted(Promise.resolve('answer'), controller.signal)).resolves.toBe('answer');
		await expect(untilAborted(Promise.reject(new Error('refused')), controller.signal)).rejects.toThrow('refused');
	});

	test('a signal that aborts later ends work that would never settle, with the signal’s reason', async () => {
		const controller = new AbortController();
		const waiting = untilAborted(never(), controller.signal);
		controller.abort(new Error('stopped'));
		await expect(waiting).rejects.toThrow('stopped');
	});

	test('a signal aborted already ends it at once', async () => {
		const controller = new AbortController();
		controller.abort(new Error('stopped before'));
		await expect(untilAborted(never(), controller.signal)).rejects.toThrow('stopped before');
	});

	test('once the work has settled, the signal’s listener is gone', async () => {
		const controller = new AbortController();
		const removed = jest.spyOn(controller.signal, 'removeEventListener');
		await untilAborted(Promise.resolve(1), controller.signal);
		expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
		controller.abort(new Error('late'));
	});

	test('the listener is added once, for the abort event', async () => {
		const controller = new AbortController();
		const added = jest.spyOn(controller.signal, 'addEventListener');
		await untilAborted(Promise.resolve(1), controller.signal);
		expect(added).toHaveBeenCalledTimes(1);
		expect(added).toHaveBeenCalledWith('abort', expect.any(Function), { once: true });
	});
});

describe('pause', () => {
	test('waits the time asked', async () => {
		const started = Date.now();
		await pause(120, undefined);
		expect(Date.now() - started).toBeGreaterThanOrEqual(100);
	});

	test('ends early when the execution is stopped', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const waiting = pause(60_000, controller.signal);
		setTimeout(() => controller.abort(new Error('stopped')), 20);
		await expect(waiting).rejects.toThrow('stopped');
		expect(Date.now() - started).toBeLessThan(5_000);
	});
});

describe('attemptSignal', () => {
	test('without a cancel signal: the deadline alone, aborting as a timeout after the time given', async () => {
		const { deadline, signal } = attemptSignal(50, undefined);
		expect(signal).toBe(deadline);
		await new Promise((resolve) => signal.addEventListener('abort', resolve));
		expect((signal.reason as Error).name).toBe('TimeoutError');
	});

	test('with a cancel signal: either ends the attempt, and the deadline says which', () => {
		const cancel = new AbortController();
		const { deadline, signal } = attemptSignal(60_000, cancel.signal);
		expect(signal.aborted).toBe(false);
		cancel.abort(new Error('stopped'));
		expect(signal.aborted).toBe(true);
		expect(deadline.aborted).toBe(false);
	});
});
