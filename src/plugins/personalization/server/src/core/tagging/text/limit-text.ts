export interface LimitedText {
  text: string;
  truncated: boolean;
}

/** Cuts text at the configured limit, at a word boundary when one is near, so models see bounded input. */
export const limitText = (text: string, maxChars: number): LimitedText => {
  if (text.length <= maxChars) {
    return { text, truncated: false };
  }
  const cut = text.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(' ');
  return { text: lastSpace > maxChars * 0.8 ? cut.slice(0, lastSpace) : cut, truncated: true };
};
