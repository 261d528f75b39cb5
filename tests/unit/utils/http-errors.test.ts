import { errors } from '@strapi/utils';
import { ConditionError } from '../../../src/plugins/personalization/server/src/core/audience/conditions/condition-error';
import { EventBatchError } from '../../../src/plugins/personalization/server/src/core/audience/events/parse-event-batch';
import { CallerHeaderError } from '../../../src/plugins/personalization/server/src/core/delivery/caller-headers';
import { VisitorClaimedError } from '../../../src/plugins/personalization/server/src/services/audience/stitching';
import {
  answeringRefusals,
  CallerStatusError,
  CallerUnauthorizedError,
  httpStatusOf,
  toHttpError,
  toStrapiError,
  withHttpErrors,
  withHttpErrorsAsync,
  type RefusalContext,
} from '../../../src/plugins/personalization/server/src/utils/http-errors';

const context = () => {
  const headers: Record<string, string> = {};
  const unauthorized: string[] = [];
  const ctx: RefusalContext = {
    status: 200,
    body: undefined,
    set: (name, value) => {
      headers[name] = value;
    },
    unauthorized: (message) => {
      unauthorized.push(message);
    },
  };
  return { ctx, headers, unauthorized };
};

describe('toHttpError', () => {
  it('answers a malformed caller header as a 400 with its message', () => {
    const mapped = toHttpError(new CallerHeaderError('X-Visitor-Id', 'is malformed'));
    expect(mapped).toBeInstanceOf(errors.ValidationError);
    expect((mapped as Error).message).toBe('X-Visitor-Id header is malformed');
    expect(httpStatusOf(mapped)).toBe(400);
  });

  it('answers a bad condition as a 400 with its message', () => {
    const mapped = toHttpError(new ConditionError('condition.op', 'unknown operator'));
    expect(mapped).toBeInstanceOf(errors.ValidationError);
    expect((mapped as Error).message).toBe('condition.op: unknown operator');
  });

  it('answers a bad event as a 400 naming index and field in the details', () => {
    const mapped = toHttpError(new EventBatchError(2, 'type', 'unknown type'));
    expect(mapped).toBeInstanceOf(errors.ValidationError);
    expect((mapped as Error).message).toBe('events[2].type: unknown type');
    expect((mapped as InstanceType<typeof errors.ValidationError>).details).toEqual({
      index: 2,
      field: 'type',
    });
  });

  it('answers a visitor id linked to another user as a 409 ConflictError', () => {
    const mapped = toHttpError(new VisitorClaimedError());
    expect(mapped).toBeInstanceOf(CallerStatusError);
    expect((mapped as CallerStatusError).errorName).toBe('ConflictError');
    expect(httpStatusOf(mapped)).toBe(409);
  });

  it('leaves other errors as they are', () => {
    const other = new Error('boom');
    expect(toHttpError(other)).toBe(other);
    expect(httpStatusOf(other)).toBe(500);
    const notFound = new errors.NotFoundError('gone');
    expect(toHttpError(notFound)).toBe(notFound);
    expect(httpStatusOf(notFound)).toBe(404);
  });
});

describe('withHttpErrors', () => {
  it('throws the mapped error of synchronous work and returns its result otherwise', () => {
    expect(withHttpErrors(() => 7)).toBe(7);
    expect(() =>
      withHttpErrors(() => {
        throw new CallerHeaderError('X-Visitor-Traits', 'is not JSON');
      })
    ).toThrow(errors.ValidationError);
  });

  it('throws the mapped error of asynchronous work', async () => {
    await expect(withHttpErrorsAsync(async () => 'ok')).resolves.toBe('ok');
    await expect(
      withHttpErrorsAsync(async () => {
        throw new ConditionError('condition', 'empty');
      })
    ).rejects.toBeInstanceOf(errors.ValidationError);
  });
});

describe('toStrapiError', () => {
  it('throws 401 and 403 refusals as the errors of @strapi/utils, keeping their message', () => {
    const unauthorized = toStrapiError(new CallerUnauthorizedError('bad token'));
    expect(unauthorized).toBeInstanceOf(errors.UnauthorizedError);
    expect((unauthorized as Error).message).toBe('bad token');
    const forbidden = toStrapiError(new CallerStatusError(403, 'ForbiddenError', 'no'));
    expect(forbidden).toBeInstanceOf(errors.ForbiddenError);
    expect((forbidden as Error).message).toBe('no');
  });
});

describe('answeringRefusals', () => {
  it('writes a CallerStatusError in Strapi’s error shape with its status', async () => {
    const { ctx } = context();
    await answeringRefusals(async () => {
      throw new VisitorClaimedError();
    })(ctx);
    expect(ctx.status).toBe(409);
    expect(ctx.body).toEqual({
      data: null,
      error: {
        status: 409,
        name: 'ConflictError',
        message: 'X-Visitor-Id is already linked to another user',
      },
    });
  });

  it('answers CallerUnauthorizedError through ctx.unauthorized, with the challenge if given', async () => {
    const { ctx, headers, unauthorized } = context();
    await answeringRefusals(
      async () => {
        throw new CallerUnauthorizedError('send a bearer');
      },
      { challenge: 'Bearer' }
    )(ctx);
    expect(unauthorized).toEqual(['send a bearer']);
    expect(headers['WWW-Authenticate']).toBe('Bearer');
  });

  it('throws other errors, mapped', async () => {
    const { ctx } = context();
    await expect(
      answeringRefusals(async () => {
        throw new EventBatchError(null, null, 'must be an array');
      })(ctx)
    ).rejects.toBeInstanceOf(errors.ValidationError);
    expect(ctx.status).toBe(200);
  });
});
