/** Types for the local ThroughLine-compatible sandbox server (sandbox/index.js). */

export declare const DEMO_CLIENT_ID: 'demo-client-id';
export declare const DEMO_CLIENT_SECRET: 'demo-secret-0f3c9a7e5b2d4c1a';

export type RouteKey =
	| 'POST /oauth/token'
	| 'GET /v1/countries'
	| 'GET /v1/topics'
	| 'GET /v1/helplines'
	| 'GET /v1/helplines/:id'
	| 'POST /v1/events/helpline_display'
	| 'POST /v1/events/helpline_click';

export declare const ROUTE_KEYS: RouteKey[];
export type ContactMethod = 'phone' | 'sms' | 'web_chat' | 'whatsapp' | 'website';
export declare const CONTACT_METHODS: ContactMethod[];
export declare const TOPICS: Topic[];

/**
 * The API behaviours ThroughLine's public pages do not settle: every switch is GUESSED (see
 * behaviour.js and /work/shared/throughline-api.md). The defaults are what the sandbox always did;
 * the other values are plausible real APIs that the node must also handle (test/variants).
 */
export interface Behaviour {
	/** largest `limit` GET /v1/helplines honours (default 1000; the real maximum is unknown) */
	maxLimit: number;
	/** a `limit` above maxLimit: 'reject' answers 400 (default), 'clamp' silently answers at most maxLimit */
	oversizeLimit: 'reject' | 'clamp';
	/** a well-formed country code ThroughLine does not know: 'reject' 400 (default), 'empty' 200 {"helplines": []} */
	unknownCountry: 'reject' | 'empty';
	/** a topic ThroughLine does not know: 'reject' 400 (default), 'empty' 200 {"helplines": []} */
	unknownTopic: 'reject' | 'empty';
	/** specialty / contact_method with priority_only=true: 'ignore' (default) or 'apply' (they cut the curated list) */
	priorityFilters: 'ignore' | 'apply';
	/** an accepted event: 'created' 201 JSON (default), 'noContent' 204, 'emptyOk' 200 with an empty body */
	eventAnswer: 'created' | 'noContent' | 'emptyOk';
	/** click contact_method: 'list' only CONTACT_METHODS (default; partly invented), 'any' any non-empty string */
	clickContactMethods: 'list' | 'any';
	/** GET /v1/countries and /v1/topics: 'name' in name order (default), 'reversed' in reverse name order */
	listOrder: 'name' | 'reversed';
}

/** The built-in defaults (today's behaviour). */
export declare const DEFAULT_BEHAVIOUR: Readonly<Behaviour>;
/** The real API's quotas as the server plays them by default: 30 a second, 1,000 a day. */
export declare const DEFAULT_LIMITS: Readonly<Pick<Limits, 'perSecondLimit' | 'dailyLimit'>>;
/** Named variants, e.g. 'limit-clamp-100', 'unknown-empty' (default: none changed). */
export declare const VARIANTS: Record<string, Partial<Behaviour>>;
/**
 * Parses a variant spec: names from VARIANTS and `switch=value` pairs, comma-separated
 * (the form of THROUGHLINE_SANDBOX_VARIANT and the CLI's --variant). Throws on unknown names or values.
 */
export declare function parseVariant(spec: string | undefined): Partial<Behaviour>;

export interface ScaleSpec {
	/** number of helplines (default 1000) */
	helplines?: number;
	/** number of countries: the real ones first, then synthetic (1..676, default 50) */
	countries?: number;
	/** defaults to the server seed */
	seed?: number;
}

export interface ServerOptions {
	/** 0 (default) picks a free port */
	port?: number;
	/** default '127.0.0.1' */
	host?: string;
	/** default DEMO_CLIENT_ID */
	clientId?: string;
	/** default DEMO_CLIENT_SECRET */
	clientSecret?: string;
	/** default 7200 */
	tokenTtlSeconds?: number;
	/** sliding 1 s window, default 30; 0 or Infinity disables */
	perSecondLimit?: number;
	/** 24 h window advanced hourly, default 1000; 0 or Infinity disables */
	dailyLimit?: number;
	/** add Retry-After to 429s, default true */
	retryAfter?: boolean;
	/** 'demo' (default, fixed data independent of seed) or a scale-mode spec */
	data?: 'demo' | { scale: ScaleSpec };
	/** PRNG seed for faults and scale data, default 1 */
	seed?: number;
	/**
	 * Guessed API behaviours. Applied over DEFAULT_BEHAVIOUR and over the variant named by the
	 * THROUGHLINE_SANDBOX_VARIANT environment variable (so a whole suite can run under a variant).
	 */
	behaviour?: Partial<Behaviour>;
}

export interface Country {
	name: string;
	code: string;
	emergencyNumber: string;
}

export interface Topic {
	name: string;
	code: string;
}

export interface OpeningPeriod {
	/** lowercase English day name, e.g. 'monday' */
	day: string;
	/** 'HH:MM' local time in the helpline's timezone */
	open: string;
	close: string;
}

export interface Helpline {
	id: string;
	name: string;
	description: string;
	website?: string;
	country: Country;
	timezone: string;
	/** topic names */
	topics: string[];
	phoneNumber?: string;
	smsNumber?: string;
	webChatUrl?: string;
	whatsappUrl?: string;
	supported_languages: string[];
	specialties: string[];
	hours?: { alwaysOpen: boolean; periods: OpeningPeriod[] };
	/** live-added helplines may carry extra keys; clients must pass them through */
	[extra: string]: unknown;
}

export interface Fault {
	latencyMs?: number;
	latencyJitterMs?: number;
	/** 0..1, answers 500, 502, 503 in rotation */
	errorRate?: number;
	/** always answer this status (JSON error body; 429/503 get Retry-After: 1 when enabled) */
	status?: number;
	/** 0..1, normal status but the JSON body is cut in half */
	malformedJsonRate?: number;
	/** 0..1, 502 with an nginx-style HTML page */
	htmlErrorRate?: number;
	/** 0..1, destroy the socket without answering */
	dropRate?: number;
	/** the n-th call (counted from setFault) answers 401 once */
	unauthorizedOnCall?: number;
	/** 0..1, 429 rate_limited */
	rateLimitRate?: number;
	/** 0..1, a list answer that holds its first helpline twice (at the start and at the end) */
	repeatedRecordRate?: number;
	/** the fault covers the next N matching requests, then clears itself */
	times?: number;
}

export interface Stats {
	tokenRequests: number;
	total: number;
	byRoute: Partial<Record<RouteKey, number>>;
	byToken: Record<string, number>;
	byStatus: Record<string, number>;
	rateLimited: number;
	/** requests whose socket was destroyed by a dropRate fault */
	dropped: number;
}

export interface LoggedRequest {
	method: string;
	/** raw request target, query included */
	url: string;
	headers: Record<string, string | string[] | undefined>;
	/** raw body as a string ('' when none) */
	body: string;
	/** epoch ms (with fractions) when the request had been read */
	receivedAt: number;
	/** epoch ms when the answer was sent; absent while pending or when the connection was dropped */
	answeredAt?: number;
}

export interface RecordedEvent {
	event_id: string;
	type: 'helpline_display' | 'helpline_click';
	helpline_id: string;
	session_id: string;
	timestamp: string;
	/** one of CONTACT_METHODS, or any string under clickContactMethods 'any' */
	contact_method?: string;
	/** server time of receipt */
	received_at: string;
	/** bearer token used */
	token: string;
	/** the parsed request body as sent */
	body: Record<string, unknown>;
}

export interface Limits {
	perSecondLimit: number;
	dailyLimit: number;
	retryAfter: boolean;
}

export type HelplineInput = Partial<Omit<Helpline, 'country'>> & {
	/** a country code or a country object (only its code is used); default 'US' */
	country?: string | Partial<Country>;
	/** position in the ranked order (lower first); not emitted; default: after all others */
	rank?: number;
};

export interface DataStore {
	/** sorted by name */
	countries(): Country[];
	topics(): Topic[];
	/** every helpline, in ranked order */
	helplines(): Helpline[];
	getHelpline(id: string): Helpline | undefined;
	/** the curated "Suicidal thoughts" list of a country, as priority_only returns it */
	priority(countryCode: string): Helpline[];
	/** replace a country's curated list (ids in display order; [] removes it) */
	setPriority(countryCode: string, ids: string[]): void;
	/** throws on an unknown country/topic or duplicate id */
	addHelpline(partial?: HelplineInput): Helpline;
	/** a null value removes an optional key; throws on unknown id */
	updateHelpline(id: string, patch: Partial<Record<keyof Helpline, unknown>> & { rank?: number }): Helpline;
	/** false when the id was unknown */
	removeHelpline(id: string): boolean;
}

export interface SandboxServer {
	/** e.g. 'http://127.0.0.1:PORT' (no trailing slash) */
	url: string;
	port: number;
	clientId: string;
	clientSecret: string;
	data: DataStore;
	stats(): Stats;
	requests(): LoggedRequest[];
	events(): RecordedEvent[];
	/** what was POSTed to /__admin/sink */
	sink(): unknown[];
	faults(): Record<string, Fault>;
	limits(): Limits;
	/** the guessed API behaviours in force now */
	behaviour(): Behaviour;
	/** changes some behaviours at run time (throws on an unknown switch or value); returns them all */
	setBehaviour(patch: Partial<Behaviour>): Behaviour;
	/**
	 * clears counters, request log, quotas, faults, events and the sink, and puts the behaviours back to
	 * what the server started with (options and THROUGHLINE_SANDBOX_VARIANT); keeps data and tokens
	 */
	reset(): void;
	/** throws on an unknown route key or fault option; null removes the route's fault */
	setFault(routeKey: RouteKey | '*', fault: Fault | null): void;
	clearFaults(): void;
	/** every issued token becomes invalid now */
	expireTokens(): void;
	setLimits(limits: Partial<Limits>): void;
	close(): Promise<void>;
}

export declare function startServer(options?: ServerOptions): Promise<SandboxServer>;
