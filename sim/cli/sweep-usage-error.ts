// A `kafkasim sweep` argument that cannot be used: exit 2, its message as the one stderr line.

export class SweepUsageError extends Error {}
