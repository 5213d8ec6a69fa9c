import '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The CSP nonce the server generated for this response. */
    cspNonce: string;
  }
}
