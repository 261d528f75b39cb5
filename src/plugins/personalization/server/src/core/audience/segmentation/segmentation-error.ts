export type SegmentationErrorCode =
  | 'too-few-rows'
  | 'invalid-rows'
  | 'non-finite'
  | 'invalid-k'
  | 'invalid-option'
  | 'invalid-profile'
  | 'mismatched-lengths';

/** Raised for input the segmentation maths cannot use; `code` names the rule that was broken. */
export class SegmentationError extends Error {
  readonly code: SegmentationErrorCode;

  constructor(code: SegmentationErrorCode, message: string) {
    super(message);
    this.name = 'SegmentationError';
    this.code = code;
  }
}
