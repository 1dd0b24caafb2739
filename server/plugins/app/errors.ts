/**
 * One shape for every error the API answers: { error, message } with the right status.
 * Known failures say what was wrong; anything else is a 500 whose details stay in the log.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { langOr, WordedError, type FaultDetail, type Lang } from '../../../ingest/faults.js';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** The message in the language the request asks for (?lang=vi), when it has more than English. */
    readonly worded?: (lang: Lang) => string,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** A refusal of a file or an upload (`subject`), worded in the request's language from the fault catalog. */
  static refusal(statusCode: number, code: string, subject: string, detail: FaultDetail): HttpError {
    const worded = new WordedError(subject, detail);
    return new HttpError(statusCode, code, worded.message, (lang) => worded.worded(lang));
  }
}

/** Errors from the layers below, by name, and how the API answers them. */
const KNOWN: Record<string, { status: number; code: string }> = {
  UnknownUnitError: { status: 400, code: 'unknown_unit' },
  InputError: { status: 400, code: 'bad_input' },
  UserError: { status: 400, code: 'bad_request' },
  // Another user's run is answered as one that does not exist: it is not confirmed to be there.
  UnknownRunError: { status: 404, code: 'not_found' },
  RegistryEmptyError: { status: 409, code: 'registry_empty' },
};

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // An unreadable file, an upload refused, or a store with no registry is told in the language asked for (?lang=vi).
    const lang = langOr((request.query as { lang?: string } | undefined)?.lang, 'en');
    if (error instanceof HttpError) {
      // An upload refused part-way may still be sending: close the connection rather than read the rest of it.
      if (error.statusCode === 413) reply.header('connection', 'close');
      return reply.status(error.statusCode).send({ error: error.code, message: error.worded?.(lang) ?? error.message });
    }
    if (error.validation) {
      return reply.status(400).send({ error: 'bad_request', message: `${error.validationContext ?? 'request'} ${error.message.replace(/^(querystring|body|params|headers)\s*/, '')}` });
    }
    const known = KNOWN[error.name];
    if (known) {
      const message = error instanceof WordedError ? error.worded(lang) : error.message;
      return reply.status(known.status).send({ error: known.code, message });
    }
    if (error.statusCode && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: error.code?.toLowerCase() ?? 'bad_request', message: error.message });
    }
    request.log.error(error);
    return reply.status(500).send({ error: 'internal', message: 'Something went wrong on the server; the details are in its log.' });
  });
}

export function notFound(method: string, url: string): { error: string; message: string } {
  return { error: 'not_found', message: `No route ${method} ${url.split('?')[0]}` };
}
