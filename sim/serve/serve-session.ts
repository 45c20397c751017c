// `kafkasim serve`: a scenario's cluster behind Kafka's wire protocol. The simulation runs
// paced to the wall clock (simulated µs = wall µs × speed) from the moment the listeners open,
// after the cluster has come up unpaced (cluster-ready.ts); the scenario's faults fire at their
// scenario times counted from the cluster's start (not from the first connection), and
// requests meet the scenario's latency, disks and faults. At the
// scenario's `duration`, or on stop() (SIGINT), the sockets close and the session ends as `run`
// ends: every fault healed, the cluster settled unpaced, the checker's summary over modelled
// and real clients' records. The pacing is the only non-deterministic part of a session.

import type { Scenario } from "../scenario/types.ts";
import { buildCluster, startCluster, type Cluster } from "../run/cluster.ts";
import { FaultInjector } from "../run/faults.ts";
import { summarize } from "../run/runner.ts";
import type { Summary } from "../run/summary.ts";
import { BrokerResourceSampler } from "../run/broker-resources.ts";
import type { TraceListener } from "../trace/trace.ts";
import { nodeGzip } from "./node-gzip.ts";
import { ProducedBatches } from "./produced-batch.ts";
import { RealClientHistory } from "./real-client-history.ts";
import { RealConsumerHistory } from "./real-consumer-history.ts";
import { GroupBytes } from "./translate/group-bytes.ts";
import { WireServer } from "./wire-server.ts";
import { runUntilReady } from "./cluster-ready.ts";

export interface ServeOptions {
  readonly port: number;
  /** Simulated time per wall-clock time: 1 is real time, 2 twice as fast. */
  readonly speed: number;
  readonly log: (line: string) => void;
  /** Receives every trace event from the cluster's start to the end of the settle (`--report`). */
  readonly onTrace?: TraceListener;
}

/** How often the pacer wakes to move the simulation to the wall clock. */
const TICK_MS = 1;

export class ServeSession {
  readonly cluster: Cluster;
  private readonly faults: FaultInjector;
  private readonly server: WireServer;
  private stopping = false;
  private wake: (() => void) | null = null;
  private reachedUs: number | null = null;

  constructor(private readonly scenario: Scenario, private readonly options: ServeOptions) {
    this.cluster = buildCluster(scenario, true, { offsetsTopic: true });
    const { world } = this.cluster;
    if (options.onTrace !== undefined) world.trace.listen(options.onTrace);
    this.faults = new FaultInjector(world, this.cluster.disks, this.cluster.brokerIds, this.cluster.controllerNodes, this.cluster.zones);
    const ids = this.cluster.ids;
    this.server = new WireServer(world, this.cluster.brokerIds, options.port, {
      portOf: (id) => this.server.portOf(id),
      batches: new ProducedBatches(() => ids.take()),
      gzip: nodeGzip,
      groupBytes: new GroupBytes(),
      produced: new RealClientHistory(this.cluster.history, () => world.scheduler.now()),
      consumed: new RealConsumerHistory(this.cluster.consumerHistory, () => world.scheduler.now()),
    }, options.log);
  }

  /** Starts the cluster, runs it unpaced until it has leaders everywhere (cluster-ready.ts), and opens the listeners. */
  async open(): Promise<void> {
    startCluster(this.cluster);
    this.faults.scheduleScenario(this.scenario);
    // Real consumers may form groups at any time: their lag is sampled as modelled groups' is.
    this.cluster.lag.schedule(this.scenario.durationUs);
    const total = this.scenario.durationUs + this.scenario.settleUs;
    this.cluster.zones?.schedule(total);
    new BrokerResourceSampler(this.cluster.world, this.cluster.disks, this.cluster.brokerIds, Number(this.scenario.cluster.config["num.network.threads"])).schedule(total);
    runUntilReady(this.cluster);
    await this.server.open();
  }

  /** Ends the paced phase at the next tick (SIGINT). */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  /** Paces until `duration` or stop(), then closes the sockets, heals, settles and summarizes. */
  async run(): Promise<Summary> {
    const { world } = this.cluster;
    const startWall = performance.now(); // allow-nondeterminism: serve paces the run to the wall clock (README: serve is not deterministic)
    const startUs = world.scheduler.now();
    const endUs = this.scenario.durationUs;
    while (!this.stopping && world.scheduler.now() < endUs) {
      const targetUs = Math.min(endUs, startUs + Math.floor((performance.now() - startWall) * 1000 * this.options.speed)); // allow-nondeterminism: wall-clock pacing
      if (targetUs > world.scheduler.now()) world.scheduler.runUntil(targetUs);
      this.server.sync();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, TICK_MS); // allow-nondeterminism: the pacing tick, outside the simulated run
      });
      this.wake = null;
    }
    this.server.close();
    world.scheduler.runUntil(world.scheduler.now()); // the closed connections' nodes leave
    const reachedUs = world.scheduler.now();
    this.reachedUs = reachedUs;
    this.cluster.lag.sample(true);
    this.faults.healEverything();
    world.scheduler.runUntil(reachedUs + this.scenario.settleUs);
    return summarize(this.cluster, this.faults.nemesisSchedule, this.faults.warnings, null, reachedUs);
  }

  /** The scenario as served, after run(): its `duration` is the time reached before healing (less on Ctrl-C), for the report's timeline. */
  servedScenario(): Scenario {
    if (this.reachedUs === null) throw new Error("servedScenario() before run() ended");
    return { ...this.scenario, durationUs: this.reachedUs };
  }
}
