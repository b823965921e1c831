import type { z } from 'zod';
import { DomainError, ErrorCode } from './errors.ts';

type Issue = z.core.$ZodIssue;

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

function limit(issue: Issue & { origin?: string }, bound: number | bigint, most: boolean, inclusive: boolean): string {
  const word = most ? (inclusive ? 'at most' : 'less than') : inclusive ? 'at least' : 'more than';
  switch (issue.origin) {
    case 'string':
      return `must be ${word} ${bound} characters long`;
    case 'array':
    case 'set':
      return `must have ${word} ${bound} entries`;
    default:
      return `must be ${word} ${bound}`;
  }
}

/** The parameter an issue is about, as the caller wrote it (`document.side`, or `body`). */
export function issueParam(issue: Issue, fallback = 'body'): string {
  // List positions are left out: "`documentcountry` …", not "`documentcountry.1` …".
  const named = issue.path.filter((p) => typeof p !== 'number').map(String);
  return named.length ? named.join('.') : fallback;
}

/** A schema's own wording ("an ISO 3166-1 alpha-2 code", "must be an http or https URL") after the name. */
function ownWords(name: string, message: string): string {
  if (/^(must|is|cannot|should|has|needs)\b/.test(message)) return `${name} ${message}`;
  if (/^not\b/.test(message)) return `${name} is ${message}`;
  if (/\bmust\b/.test(message)) return `${name}: ${message}`;
  return `${name} must be ${message}`;
}

/** zod's own default messages start like this; anything else was written by our schemas. */
const DEFAULT_MESSAGE = /^(Invalid|Too (big|small)|Expected|Required)/;

/**
 * One zod issue in words for people: "`companyname` is required", "`expiry` must be at most
 * 15552000", "`type` must be one of 0, 1, 2, 3", instead of the validator's own wording.
 * A custom refinement's message is already written for people and is kept.
 */
export function describeIssue(issue: Issue, param = issueParam(issue)): string {
  const name = `\`${param}\``;
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return `${name} is required`;
      return `${name} must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return `${name} is required`;
      return `${name} ${limit(issue, issue.minimum, false, issue.inclusive !== false)}`;
    case 'too_big':
      return `${name} ${limit(issue, issue.maximum, true, issue.inclusive !== false)}`;
    case 'invalid_value':
      return `${name} must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}`;
    case 'invalid_format':
      if (!DEFAULT_MESSAGE.test(issue.message)) return ownWords(name, issue.message);
      return `${name} is not a valid ${issue.format === 'regex' ? 'value' : issue.format}`;
    case 'unrecognized_keys':
      return `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}`;
    case 'custom':
      return DEFAULT_MESSAGE.test(issue.message) ? `${name} is invalid` : ownWords(name, issue.message);
    default:
      return `${name} is invalid`;
  }
}

/** A failed parse as the one DomainError callers see: the first issue, in words (code 1002). */
export function paramError(error: z.ZodError, fallbackParam = 'body'): DomainError {
  const issue = error.issues[0];
  if (!issue) return new DomainError(ErrorCode.InvalidValue, 'Invalid request');
  return new DomainError(ErrorCode.InvalidValue, describeIssue(issue, issueParam(issue, fallbackParam)));
}
