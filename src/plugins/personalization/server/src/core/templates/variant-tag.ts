import { Tag, Value, type Context, type Liquid, type TagToken, type TopLevelToken } from 'liquidjs';

/**
 * The variant a render chose, keyed by the render's globals object: liquidjs gives every partial
 * a new Context but passes the same globals down, so a `{% variant %}` inside a partial counts too.
 */
const chosenVariants = new WeakMap<object, { key: string | null }>();

export const startVariantCapture = (globals: object): void => {
  chosenVariants.set(globals, { key: null });
};

export const capturedVariant = (globals: object): string | null =>
  chosenVariants.get(globals)?.key ?? null;

/** `{% variant 'premium' %}` or `{% variant params.key %}`: sets the rule's output; the last one run wins. */
export class VariantTag extends Tag {
  private readonly value: Value;

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    const expression = this.tokenizer.remaining();
    if (!expression.trim()) {
      throw new Error('the variant tag needs a variant key, e.g. {% variant "premium" %}');
    }
    this.value = new Value(expression, liquid);
  }

  *render(ctx: Context): Generator<unknown, void, unknown> {
    const value = yield this.value.value(ctx, false);
    const holder = ctx.globals ? chosenVariants.get(ctx.globals) : undefined;
    if (holder) {
      holder.key = value === null || value === undefined || value === '' ? null : String(value);
    }
  }
}
