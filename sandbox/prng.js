// @ts-check
'use strict';

/**
 * Seeded pseudo-random numbers (mulberry32). Everything random in the sandbox
 * data and fault injection goes through this so runs are reproducible;
 * Math.random is never used.
 */

/**
 * @typedef {object} Rng
 * @property {() => number} next float in [0, 1)
 * @property {(n: number) => number} int integer in [0, n)
 * @property {<T>(items: readonly T[]) => T} pick
 * @property {(p: number) => boolean} chance true with probability p
 * @property {<T>(items: readonly T[], n: number) => T[]} sample n distinct items, in source order
 * @property {() => string} uuid RFC 4122 version-4 shaped UUID
 * @property {(pattern: string) => string} digits replaces each 'D' with a digit
 */

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
/** @type {number[]} */
const UUID_BUF = new Array(36).fill(0);

/**
 * @param {number} seed
 * @returns {Rng}
 */
function createRng(seed) {
	// Mix the seed so that small seeds (1, 2, 3) give unrelated streams.
	let state = Math.imul((Number(seed) || 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0 || 0x6d2b79f5;

	function next() {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** @param {number} n */
	function int(n) {
		return Math.floor(next() * n);
	}

	return {
		next,
		int,
		pick(items) {
			return items[int(items.length)];
		},
		chance(p) {
			return next() < p;
		},
		sample(items, n) {
			const len = items.length;
			const k = Math.min(n, len);
			if (k <= 0) return [];
			// Rejection sampling on a bit mask (lists here are short): few allocations in scale mode.
			if (len > 30) {
				const copy = items.slice();
				for (let i = 0; i < k; i++) {
					const j = i + int(len - i);
					[copy[i], copy[j]] = [copy[j], copy[i]];
				}
				return copy.slice(0, k);
			}
			let mask = 0;
			for (let got = 0; got < k;) {
				const bit = 1 << int(len);
				if (!(mask & bit)) {
					mask |= bit;
					got++;
				}
			}
			const out = [];
			for (let i = 0; i < len; i++) if (mask & (1 << i)) out.push(items[i]);
			return out;
		},
		uuid() {
			// One string allocation per id (scale mode makes tens of thousands).
			for (let i = 0, o = 0; i < 16; i++) {
				let byte = int(256);
				if (i === 6) byte = (byte & 0x0f) | 0x40; // version 4
				if (i === 8) byte = (byte & 0x3f) | 0x80; // RFC 4122 variant
				if (i === 4 || i === 6 || i === 8 || i === 10) UUID_BUF[o++] = 45; // '-'
				UUID_BUF[o++] = HEX_CODES[byte >> 4];
				UUID_BUF[o++] = HEX_CODES[byte & 15];
			}
			return String.fromCharCode.apply(null, UUID_BUF);
		},
		digits(pattern) {
			const codes = new Array(pattern.length);
			for (let i = 0; i < pattern.length; i++) codes[i] = pattern.charCodeAt(i) === 68 ? 48 + int(10) : pattern.charCodeAt(i);
			return String.fromCharCode.apply(null, codes);
		},
	};
}

module.exports = { createRng };
