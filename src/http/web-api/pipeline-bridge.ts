import type { ServiceDeps } from '../../services/deps.ts';
import type { StepName } from '../../domain/session/required-steps.ts';

/**
 * The verification pipeline (issue 9) and the contract engine (issue 7) are built in parallel
 * with the capture app. Their services are loaded by name at first use so the app works (and
 * type-checks) before they land; once present, they are called with the agreed signatures.
 */
export type SessionStatus = { state: string; attemptsLeft: number; failcode?: number; failreason?: string; nextSteps: StepName[]; redirectUrl?: string; awaitingSignature?: boolean };

type Pipeline = {
  submitSession?: (deps: ServiceDeps, reference: string) => Promise<void>;
  getSessionStatus?: (deps: ServiceDeps, reference: string) => Promise<SessionStatus>;
};
type Contracts = {
  previewContract?: (...args: any[]) => Promise<any>;
  signContract?: (...args: any[]) => Promise<any>;
  completeContractSigning?: (deps: ServiceDeps, reference: string, signed: { bytes: Buffer; ext: string; sha256Unsigned: string; sha256Signed: string }) => Promise<void>;
};

async function optionalModule<T>(specifier: string): Promise<T> {
  try {
    return (await import(specifier)) as T;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(specifier.split('/').pop()!)) return {} as T;
    throw e;
  }
}

let pipeline: Promise<Pipeline> | undefined;
let contracts: Promise<Contracts> | undefined;

export async function loadPipeline(): Promise<Pipeline> {
  pipeline ??= Promise.all([
    optionalModule<Pipeline>(new URL('../../services/submit-session.ts', import.meta.url).href),
    optionalModule<Pipeline>(new URL('../../services/session-status.ts', import.meta.url).href),
  ]).then(([a, b]) => ({ submitSession: a.submitSession, getSessionStatus: b.getSessionStatus }));
  return pipeline;
}

export async function loadContracts(): Promise<Contracts> {
  contracts ??= Promise.all([
    optionalModule<Contracts>(new URL('../../services/contracts.ts', import.meta.url).href),
    optionalModule<Contracts>(new URL('../../services/complete-contract-signing.ts', import.meta.url).href),
  ]).then(([a, b]) => ({ previewContract: a.previewContract, signContract: a.signContract, completeContractSigning: a.completeContractSigning ?? b.completeContractSigning }));
  return contracts;
}
