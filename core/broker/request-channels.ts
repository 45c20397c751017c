// A client connection's requests handled one at a time, as Kafka's SocketServer reads them:
// the Processor mutes a channel when it hands a request to the request handlers and unmutes
// it only once the response has been written to the socket, or at once when there is none
// (acks=0's NoOpResponse) — SocketServer.processCompletedReceives / processNewResponses /
// processCompletedSends. So a producer's max.in.flight.requests.per.connection pipelines the
// network, not the broker: its second produce to a leader is read only after the first is
// answered, which for acks=all is after the followers have caught up. What a muted channel
// has been sent waits here, in the socket's receive buffer.
//
// A client has a connection per broker for each of its clients' roles: a KafkaProducer's
// NetworkClient (produce and its transaction requests), a KafkaConsumer's (fetch, offsets
// lookups) and the consumer's separate coordinator connection (AbstractCoordinator's
// coordinator node, id Integer.MAX_VALUE - brokerId). A Streams instance runs a consumer and a
// producer on one node, and the role keeps their connections apart. Metadata, FindCoordinator
// and ApiVersions are answered at once (Kafka sends metadata to the least loaded node, which
// rarely has a request held), and brokers' own requests (replica fetches, markers) are not
// muted here: their senders keep one request in flight per connection anyway.

import { brokerIdOf } from "../cluster-names.ts";
import type { NodeId } from "../env.ts";
import type { KafkaMessage } from "../protocol/messages.ts";

const enum Role {
  Producer = 0,
  Consumer = 1,
  Coordinator = 2,
}
const ROLES = 3;

/** The client connection a request arrives on, or -1 for one handled at once. */
function roleOf(msg: KafkaMessage): number {
  switch (msg.kind) {
    case "Produce":
    case "InitProducerId":
    case "AddPartitionsToTxn":
    case "AddOffsetsToTxn":
    case "EndTxn":
    case "TxnOffsetCommit":
      return Role.Producer;
    case "Fetch":
      return msg.replicaId < 0 ? Role.Consumer : -1;
    case "ListOffsets":
    case "OffsetsForLeaderEpoch":
      return Role.Consumer;
    case "JoinGroup":
    case "SyncGroup":
    case "Heartbeat":
    case "LeaveGroup":
    case "OffsetCommit":
    case "OffsetFetch":
    case "ConsumerGroupHeartbeat":
      return Role.Coordinator;
    default:
      return -1;
  }
}

interface Channel {
  /** The correlation id of the request being handled; -1 when the channel reads. */
  busy: number;
  /** False once the connection closed: nothing more is read from it. */
  open: boolean;
  /** Requests read off the socket after the busy one, oldest first, from `head`. */
  readonly queue: KafkaMessage[];
  head: number;
}

export class RequestChannels {
  private readonly byPeer = new Map<NodeId, (Channel | undefined)[]>();
  /** Channels that were unmuted with requests waiting: the broker reads them next. */
  private readonly readable: { peer: NodeId; channel: Channel }[] = [];
  /** Requests read from a socket only after waiting behind another (for the run summary). */
  queued = 0;

  /**
   * A request arrived from `peer`: true when the broker handles it now (its channel is muted
   * until its response), false when it waits behind the one being handled.
   */
  accept(peer: NodeId, msg: KafkaMessage): boolean {
    const role = roleOf(msg);
    if (role < 0 || brokerIdOf(peer) !== null) return true;
    let channels = this.byPeer.get(peer);
    if (channels === undefined) this.byPeer.set(peer, (channels = new Array<Channel | undefined>(ROLES)));
    const channel = (channels[role] ??= { busy: -1, open: true, queue: [], head: 0 });
    if (channel.busy < 0) {
      channel.busy = (msg as { correlationId: number }).correlationId;
      return true;
    }
    channel.queue.push(msg);
    this.queued++;
    return false;
  }

  /** A response left for `peer`: the channel whose request it answers reads again. */
  responded(peer: NodeId, correlationId: number): void {
    const channels = this.byPeer.get(peer);
    if (channels === undefined) return;
    for (let i = 0; i < ROLES; i++) {
      const channel = channels[i];
      if (channel === undefined || channel.busy !== correlationId) continue;
      channel.busy = -1;
      if (channel.head < channel.queue.length) this.readable.push({ peer, channel });
      return;
    }
  }

  /**
   * The next request to hand to the handlers, its channel muted again; null when none waits.
   * The broker calls it after each event, so no handler runs inside another.
   */
  next(): { peer: NodeId; msg: KafkaMessage } | null {
    while (this.readable.length > 0) {
      const { peer, channel } = this.readable.shift()!;
      if (!channel.open || channel.busy >= 0 || channel.head >= channel.queue.length) continue;
      const msg = channel.queue[channel.head]!;
      channel.queue[channel.head++] = undefined!;
      if (channel.head === channel.queue.length) {
        channel.queue.length = 0;
        channel.head = 0;
      }
      channel.busy = (msg as { correlationId: number }).correlationId;
      return { peer, msg };
    }
    return null;
  }

  /**
   * The connection closed (the peer crashed or restarted, or reconnected after a timeout):
   * what it sent and the broker has not read is gone with the socket; a response to the
   * request being handled goes nowhere and unmutes nothing.
   */
  closed(peer: NodeId, role: "producer" | "all" = "all"): void {
    const channels = this.byPeer.get(peer);
    if (channels === undefined) return;
    for (let i = 0; i < ROLES; i++) {
      if (role === "producer" && i !== Role.Producer) continue;
      const channel = channels[i];
      if (channel === undefined) continue;
      channel.open = false;
      channel.queue.length = 0;
      channels[i] = undefined;
    }
  }
}
