// An in-process stream of what changed, fed by the post-commit path (publish.ts): live pages
// (the dashboard's server-sent events) subscribe to it instead of polling the database.

export type LiveEvent =
  /** the check's state, definition or pings changed, or it was deleted */
  { readonly type: "check"; readonly projectId: number; readonly checkId: number; readonly uuid: string; readonly deleted: boolean };

export type Listener = (event: LiveEvent) => void;

export class LiveEvents {
  private readonly listeners = new Set<Listener>();

  /** Returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: LiveEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // a broken subscriber (a closed page) must not stop the others or the writer
        this.listeners.delete(l);
      }
    }
  }

  get subscribers(): number {
    return this.listeners.size;
  }
}
