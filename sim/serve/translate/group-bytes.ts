// Kafka's group coordinator passes a member's protocol metadata and the leader's assignments
// through as opaque bytes; the simulator's coordinator works on their decoded form
// (Subscription, partition lists). So that a real client reads back exactly the bytes it and
// its leader sent (user data included), the edge keeps those bytes here, shared by every
// connection: by group, member and protocol for subscriptions, by group, generation and member
// for assignments. What a modelled member sent has no bytes here and is encoded afresh (v0).

export class GroupBytes {
  private readonly subscriptions = new Map<string, Uint8Array>();
  private readonly assignments = new Map<string, Uint8Array>();

  rememberSubscription(group: string, member: string, protocol: string, bytes: Uint8Array): void {
    if (member !== "") this.subscriptions.set(`${group}\u0000${member}\u0000${protocol}`, bytes);
  }

  subscription(group: string, member: string, protocol: string): Uint8Array | undefined {
    return this.subscriptions.get(`${group}\u0000${member}\u0000${protocol}`);
  }

  rememberAssignment(group: string, generation: number, member: string, bytes: Uint8Array): void {
    this.assignments.set(`${group}\u0000${generation}\u0000${member}`, bytes);
  }

  assignment(group: string, generation: number, member: string): Uint8Array | undefined {
    return this.assignments.get(`${group}\u0000${generation}\u0000${member}`);
  }
}
