/** A configured model that cannot be loaded; the message names the model and the path looked at. */
export class ModelLoadError extends Error {
  readonly modelPath: string;

  constructor(model: string, modelPath: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot load model "${model}" from ${modelPath}: ${reason}`);
    this.name = 'ModelLoadError';
    this.modelPath = modelPath;
  }
}
