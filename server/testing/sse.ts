// Reads a Server-Sent Events body the way a client does: messages separated by a blank line,
// with `id:` and `data:` fields (data as JSON). For the tests of the event stream.

export interface SseMessage<T> {
  id: string;
  /** The `event:` field: "message" unless the server named another (status). */
  event: string;
  data: T;
}

export class SseReader<T> {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private text = "";
  private ended = false;
  private reading: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  /** Messages read and not yet taken. */
  readonly messages: SseMessage<T>[] = [];

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** Reads until `count` messages are there, the stream ends, or `timeoutMs` passes. */
  async take(count: number, timeoutMs = 20_000): Promise<SseMessage<T>[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count && !this.ended && Date.now() < deadline) {
      // A read still pending from a take that timed out is the one to wait for: starting
      // another would lose the chunk the first one gets.
      this.reading ??= this.reader.read();
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.reading,
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), deadline - Date.now());
        }),
      ]);
      clearTimeout(timer);
      if (chunk === null) break;
      this.reading = undefined;
      if (chunk.done) this.ended = true;
      else this.parse(this.decoder.decode(chunk.value, { stream: true }));
    }
    return this.messages.splice(0, count);
  }

  /** Reads until the stream ends (or `timeoutMs` passes); whether it ended. */
  async end(timeoutMs = 20_000): Promise<boolean> {
    await this.take(Number.MAX_SAFE_INTEGER, timeoutMs);
    return this.ended;
  }

  async cancel() {
    await this.reader.cancel().catch(() => undefined);
  }

  private parse(text: string) {
    this.text += text;
    let end: number;
    while ((end = this.text.indexOf("\n\n")) >= 0) {
      const block = this.text.slice(0, end);
      this.text = this.text.slice(end + 2);
      const id = /^id: ?(.*)$/m.exec(block)?.[1];
      const data = /^data: ?(.*)$/m.exec(block)?.[1];
      const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? "message";
      if (id !== undefined && data !== undefined)
        this.messages.push({ id, event, data: JSON.parse(data) as T });
    }
  }
}
