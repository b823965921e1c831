import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServiceDeps } from '../services/deps.ts';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];
const VERDICT_SECONDS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60, 300];

/**
 * This process's Prometheus registry. Latencies (HTTP, engines, time to verdict) are measured in
 * the process that did the work; totals (outcomes, callbacks, queue, AML lists) are read from
 * the database at scrape time, so any process shows the whole cluster's.
 */
export class ProcessMetrics {
  readonly registry = new Registry();
  readonly http: Histogram<'method' | 'route' | 'status_code'>;
  readonly engine: Histogram<'task' | 'result'>;
  readonly verdict: Histogram<'outcome'>;
  readonly jobs: Counter<'name' | 'result'>;

  constructor(private readonly deps: ServiceDeps) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'idgate_' });
    this.http = new Histogram({ name: 'idgate_http_request_duration_seconds', help: 'HTTP request latency by route and status', labelNames: ['method', 'route', 'status_code'], buckets: SECONDS, registers });
    this.engine = new Histogram({ name: 'idgate_engine_duration_seconds', help: 'Engine task duration (document, face, authenticity…)', labelNames: ['task', 'result'], buckets: SECONDS, registers });
    this.verdict = new Histogram({ name: 'idgate_time_to_verdict_seconds', help: 'Last upload to verdict, per verification attempt run in this process', labelNames: ['outcome'], buckets: VERDICT_SECONDS, registers });
    this.jobs = new Counter({ name: 'idgate_jobs_run_total', help: 'Jobs run in this process', labelNames: ['name', 'result'], registers });
    const ops = () => deps.ops;
    new Gauge({
      name: 'idgate_verifications',
      help: 'Ended verification sessions by outcome and fail code (whole cluster)',
      labelNames: ['outcome', 'failcode'],
      registers,
      async collect() {
        this.reset();
        for (const r of (await ops()?.verificationOutcomes()) ?? []) this.inc({ outcome: r.state, failcode: r.failcode === null ? 'none' : String(r.failcode) }, r.n);
      },
    });
    new Gauge({
      name: 'idgate_callback_attempts',
      help: 'Callback delivery attempts by result (whole cluster)',
      labelNames: ['result'],
      registers,
      async collect() {
        const c = await ops()?.callbackAttempts();
        this.set({ result: 'delivered' }, c?.delivered ?? 0);
        this.set({ result: 'failed' }, c?.failed ?? 0);
      },
    });
    new Gauge({
      name: 'idgate_aml_list_entities',
      help: 'Entities per AML list',
      labelNames: ['list'],
      registers,
      async collect() {
        this.reset();
        for (const r of (await ops()?.amlListSizes()) ?? []) this.set({ list: r.database }, r.entities);
      },
    });
    const queueStats = () => deps.queue.stats();
    new Gauge({
      name: 'idgate_job_queue_depth',
      help: 'Jobs waiting (queued) and running, by job name',
      labelNames: ['name', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const s of await queueStats()) {
          this.set({ name: s.name, state: 'queued' }, s.queued);
          this.set({ name: s.name, state: 'running' }, s.running);
        }
      },
    });
    new Gauge({
      name: 'idgate_job_queue_oldest_age_seconds',
      help: 'Age of the oldest due job still waiting, by job name',
      labelNames: ['name'],
      registers,
      async collect() {
        this.reset();
        for (const s of await queueStats()) this.set({ name: s.name }, s.oldestDueAgeMs / 1000);
      },
    });
  }

  /** Wraps the engine pool's run so every task's duration is recorded (once per deps). */
  instrumentEngines(): void {
    const pool = this.deps.engines as { run: (task: string, ...rest: unknown[]) => Promise<unknown>; __metered?: boolean };
    if (pool.__metered) return;
    const run = pool.run.bind(pool);
    pool.run = async (task: string, ...rest: unknown[]) => {
      const end = this.engine.startTimer({ task });
      try {
        const out = await run(task, ...rest);
        end({ result: 'ok' });
        return out;
      } catch (e) {
        end({ result: 'error' });
        throw e;
      }
    };
    pool.__metered = true;
  }
}

const byDeps = new WeakMap<object, ProcessMetrics>();

/** One registry per composition (a process normally has one; tests build several). */
export function metricsFor(deps: ServiceDeps): ProcessMetrics {
  let m = byDeps.get(deps);
  if (!m) {
    m = new ProcessMetrics(deps);
    m.instrumentEngines();
    byDeps.set(deps, m);
  }
  return m;
}
