import { z } from 'zod';
import { SESSION_STATES } from '../../domain/session/session-state.ts';

/** zod schemas of the portal's JSON API (they are its OpenAPI description). */
export const okSchema = z.object({ ok: z.literal(true) });
export const stageSchema = z.enum(['enrol', 'totp', 'done']);
export const signInBody = z.object({ email: z.string().max(254), password: z.string().max(256) });
export const signInReply = z.object({ stage: stageSchema, csrf: z.string() });
export const totpCodeBody = z.object({ code: z.string().max(32) });
export const enrolReply = z.object({ secret: z.string(), uri: z.string() });
export const verifyReply = z.object({ csrf: z.string(), recoveryCodes: z.array(z.string()).optional() });
export const setupBody = z.object({ token: z.string().max(100), password: z.string().max(256) });
export const meReply = z.object({
  email: z.string(),
  role: z.enum(['admin', 'reviewer', 'viewer', 'developer']),
  capabilities: z.array(z.string()),
  csrf: z.string(),
  stage: z.enum(['password', 'full']),
  account: z.string(),
  secondFactor: z.boolean(),
});

export const refParams = z.object({ reference: z.string().regex(/^[A-Z0-9]{6,32}$/) });
export const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const page = { page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(25) };
const boolish = z.enum(['1', 'true', '0', 'false', '']).optional().transform((v) => v === '1' || v === 'true');

export const sessionsQuery = z.object({
  ...page,
  sort: z.enum(['created_at', 'updated_at', 'reference', 'state']).default('created_at'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  state: z.enum([...SESSION_STATES, '']).optional().transform((v) => v || undefined),
  outcome: z.enum(['passed', 'failed', 'none', '']).optional().transform((v) => v || undefined),
  failcode: z.coerce.number().int().min(0).max(99).optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  q: z.string().max(32).optional(),
  customid: z.string().max(200).optional(),
  country: z.string().max(3).optional().describe('issuing country of the document, ISO 3166-1 alpha-2 or alpha-3'),
  doctype: z.enum(['P', 'D', 'I', '']).optional().transform((v) => v || undefined).describe('document type: P passport, D driver licence, I identity card'),
  needsReview: boolish,
  assignedToMe: boolish,
  amlHit: boolish,
});

export const sessionRow = z.object({
  reference: z.string(),
  customid: z.string().nullable(),
  state: z.string(),
  outcome: z.enum(['passed', 'failed']).nullable(),
  failcode: z.number().nullable(),
  attempts: z.number(),
  created: z.string(),
  updated: z.string(),
  assignedToMe: z.boolean(),
  review: z.enum(['approved', 'rejected']).nullable(),
});
export const sessionsReply = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(sessionRow) });

const attemptSchema = z.object({ attempt: z.number(), trigger: z.string(), time: z.string().nullable(), latency_ms: z.number().nullable(), status: z.number().nullable(), error: z.string().nullable(), response: z.string().nullable() });

export const sessionDetailReply = z.object({
  reference: z.string(),
  customid: z.string().nullable(),
  state: z.string(),
  created: z.string(),
  updated: z.string(),
  expires: z.string(),
  attempts: z.number(),
  outcome: z.object({ success: z.boolean(), failcode: z.number().nullable(), failreason: z.string().nullable() }).nullable(),
  masked: z.boolean(),
  fields: z.array(z.object({ name: z.string(), value: z.string() })),
  checks: z.array(z.object({ name: z.string(), passed: z.boolean().nullable(), reason: z.string().nullable() })),
  face: z.object({ isIdentical: z.boolean(), confidence: z.number(), threshold: z.number() }).nullable(),
  authentication: z.object({ score: z.number(), warnings: z.array(z.string()) }).nullable(),
  aml: z.array(z.object({ database: z.string(), name: z.string(), program: z.string(), score: z.number(), matched: z.array(z.string()) })),
  images: z.array(z.object({ kind: z.enum(['document-front', 'document-back', 'face']), url: z.string().nullable() })),
  contract: z.object({ url: z.string().nullable() }).nullable(),
  timeline: z.array(z.object({ time: z.string().nullable(), event: z.string() })),
  deliveries: z.array(z.object({ id: z.string(), url: z.string(), state: z.string(), attempts: z.number(), created: z.string().nullable(), log: z.array(attemptSchema) })),
  reviews: z.array(z.object({ decision: z.string(), reason: z.string(), note: z.string().nullable(), by: z.string(), time: z.string() })),
  assignedToMe: z.boolean(),
  marked: z.boolean(),
  erased: z.boolean().describe('the personal data of this session was erased'),
  canDecide: z.boolean().describe('the operator may decide now: role, a finished session, not erased'),
});

export const reviewBody = z.object({ decision: z.enum(['approved', 'rejected']), reason: z.string().max(64), note: z.string().max(2000).nullable().optional() });
export const reviewReply = z.object({
  review: z.object({ decision: z.enum(['approved', 'rejected']), reason: z.string(), note: z.string().nullable(), by: z.string(), time: z.string() }),
  vaultid: z.string().nullable(),
  events: z.array(z.string()),
});
export const markBody = z.object({ assignToMe: z.boolean().optional(), marked: z.boolean().optional() });
export const markReply = z.object({ assignedToMe: z.boolean(), marked: z.boolean() });
export const queueQuery = z.object({ ...page, aml: boolish });
export const queueReply = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(z.object({ reference: z.string(), reasons: z.array(z.string()), updated: z.string(), assignedToMe: z.boolean() })) });

export const dashboardReply = z.object({
  days: z.number(),
  perDay: z.array(z.object({ day: z.string(), passed: z.number(), failed: z.number(), expired: z.number(), open: z.number() })),
  failCodes: z.array(z.object({ code: z.number(), count: z.number() })),
  timeToVerdict: z.object({ count: z.number(), medianMs: z.number().nullable(), p95Ms: z.number().nullable() }),
  funnel: z.object({ created: z.number(), opened: z.number(), submitted: z.number(), verified: z.number() }),
  awaitingReview: z.object({ total: z.number(), aml: z.number() }),
});

export const auditQuery = z.object({ ...page, action: z.string().max(64).optional(), operator: z.string().max(254).optional(), target: z.string().max(200).optional(), from: z.string().max(10).optional(), to: z.string().max(10).optional() });
export const auditReply = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(z.object({ id: z.string(), time: z.string(), operator: z.string().nullable(), action: z.string(), target: z.string().nullable(), detail: z.string().nullable(), ip: z.string().nullable(), userAgent: z.string().nullable() })),
});

export const keysReply = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), prefix: z.string(), created: z.string(), revoked: z.string().nullable(), lastUsed: z.string().nullable() })) });
export const keyCreateBody = z.object({ name: z.string().max(100) });
export const keyCreateReply = z.object({ id: z.string(), key: z.string(), prefix: z.string() });

export const deliveriesQuery = z.object({ ...page, state: z.enum(['pending', 'delivered', 'failed', '']).optional().transform((v) => v || undefined), reference: z.string().max(32).optional() });
export const deliveriesReply = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(z.object({ id: z.string(), reference: z.string(), kind: z.enum(['callback', 'event']), url: z.string(), state: z.string(), attempts: z.number(), created: z.string(), nextAttempt: z.string().nullable(), log: z.array(attemptSchema) })),
});

export const webhooksReply = z.object({ items: z.array(z.object({ id: z.string(), url: z.string(), description: z.string().nullable(), created: z.string(), disabled: z.string().nullable() })) });
export const webhookCreateBody = z.object({ url: z.string().max(2000), description: z.string().max(200).nullable().optional() });

export const teamReply = z.object({ items: z.array(z.object({ email: z.string(), role: z.string(), disabled: z.boolean(), secondFactor: z.boolean(), lastSignIn: z.string().nullable(), created: z.string() })) });
export const inviteBody = z.object({ email: z.string().max(254), role: z.enum(['admin', 'reviewer', 'viewer', 'developer']) });
export const emailBody = z.object({ email: z.string().max(254) });
export const setupLinkReply = z.object({ setupLink: z.string() });

export const webhookSecretReply = z.object({ secret: z.string(), previous: z.object({ secret: z.string(), valid_until: z.string() }).nullable(), rotated_at: z.string().nullable() });
export const rotateBody = z.object({ overlapHours: z.number().int().min(0).max(720).default(24) });

export const templatesReply = z.object({ items: z.array(z.object({ id: z.string(), version: z.number(), name: z.string(), created: z.string() })) });
export const templateReply = z.object({ id: z.string(), version: z.number(), name: z.string(), html: z.string(), placeholders: z.array(z.string()), unknownPlaceholders: z.array(z.string()) });
export const templateSaveBody = z.object({ id: z.string().max(64).optional(), name: z.string().max(200), html: z.string().max(5 * 1024 * 1024) });
export const templateSaveReply = z.object({ id: z.string(), version: z.number(), unknownPlaceholders: z.array(z.string()), removed: z.array(z.string()) });
export const amlListsReply = z.object({ items: z.array(z.object({ database: z.string(), entities: z.number(), snapshot: z.string().nullable(), format: z.string(), source: z.string(), imported: z.string() })) });
export const amlImportReply = z.object({ database: z.string(), format: z.string(), entities: z.number(), persons: z.number(), legalEntities: z.number(), snapshotDate: z.string().nullable() });
export const roleBody = z.object({ email: z.string().max(254), role: z.enum(['admin', 'reviewer', 'viewer', 'developer']) });

const defaultValue = z.union([z.string().max(2000), z.number(), z.boolean()]);
export const settingsReply = z.object({
  companyName: z.string().nullable(),
  logo: z.string().nullable().describe('link to the logo, or null'),
  defaults: z.record(z.string(), defaultValue).describe('default /docupass/create options of the account; an option a create call does not pass takes this value'),
  updated: z.string().nullable(),
  updatedBy: z.string().nullable(),
  options: z.array(z.string()).describe('the options a default may be set for'),
});
export const settingsBody = z.object({ companyName: z.string().max(200).nullable().optional(), defaults: z.record(z.string(), defaultValue.nullable()).optional() });
export const brandingReply = z.object({ companyName: z.string().nullable(), logo: z.string().nullable() });
export const templatePreviewBody = z.object({
  html: z.string().max(5 * 1024 * 1024),
  name: z.string().max(200).optional(),
  reference: z.string().regex(/^[A-Z0-9]{6,32}$/).optional().describe("fill with this session's data (roles with personal data; audited)"),
});
export const templatePreviewReply = z.object({
  html: z.string().describe('the filled, sanitised document'),
  frame: z.string().describe('where the preview frame loads it (5 minutes, this operator)'),
  placeholders: z.array(z.string()),
  unknownPlaceholders: z.array(z.string()),
  missing: z.array(z.string()),
  removed: z.array(z.string()),
});
