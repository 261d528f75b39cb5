import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ModelSettings } from '../models/load-models';
import { ModelsLoadError } from '../models/load-models';
import type { TextAnalysis } from '../pipeline/tag-document';
import type { ThreadRequest, ThreadResponse } from './protocol';

type Pending = { resolve: (response: ThreadResponse) => void; reject: (error: Error) => void };

/**
 * Talks to the inference thread: one request at a time per message id, answers matched by id.
 * If the thread dies, every waiting call fails (its job is retried) and the next call starts a
 * new thread.
 */
export class InferenceClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly entry: string = path.join(__dirname, 'inference-thread.js')) {}

  /** Loads the models; resolves with why the NER model fell back to the offline rules, or null. */
  async load(settings: ModelSettings): Promise<{ nerFallback: string | null }> {
    const response = await this.request({ id: 0, kind: 'load', settings });
    return { nerFallback: response.ok ? response.nerFallback : null };
  }

  async analyse(
    settings: ModelSettings,
    text: string,
    maxChars: number
  ): Promise<TextAnalysis & { nerFallback: string | null }> {
    const response = await this.request({ id: 0, kind: 'analyse', settings, text, maxChars });
    if (!response.ok || !response.analysis) {
      throw new Error('the inference thread answered without an analysis');
    }
    return { ...response.analysis, nerFallback: response.nerFallback };
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      await worker.terminate();
    }
  }

  private thread(): Worker {
    if (this.worker) {
      return this.worker;
    }
    const worker = new Worker(this.entry);
    worker.unref();
    worker.on('message', (response: ThreadResponse) => {
      const waiting = this.pending.get(response.id);
      this.pending.delete(response.id);
      waiting?.resolve(response);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) {
        this.worker = null;
      }
      for (const waiting of this.pending.values()) {
        waiting.reject(error);
      }
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the inference thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private async request(request: ThreadRequest): Promise<ThreadResponse> {
    const id = this.nextId++;
    const response = await new Promise<ThreadResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.thread().postMessage({ ...request, id });
    });
    if (!response.ok) {
      throw response.modelLoad
        ? new ModelsLoadError(response.modelLoad.ner, response.modelLoad.embedding)
        : new Error(response.error);
    }
    return response;
  }
}
