/**
 * Typed errors thrown by modules. Routes map them to HTTP with `statusFor`; the message
 * key is translated in the UI (`errors.codes.<code>`), never shown raw.
 */
export type ErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'gone'
  | 'forbidden'
  | 'conflict'
  | 'location_not_found';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  location_not_found: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
};

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string = code,
  ) {
    super(message);
  }
}

export function statusFor(code: ErrorCode): number {
  return STATUS[code];
}
