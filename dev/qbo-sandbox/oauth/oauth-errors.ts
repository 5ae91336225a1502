/** OAuth 2.0 error answers of the token endpoint (RFC 6749 §5.2, Intuit's wording). */
export type OAuthErrorCode = 'invalid_grant' | 'invalid_client' | 'invalid_request' | 'unsupported_grant_type' | 'unauthorized_client' | 'invalid_scope';

export class OAuthProtocolError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
  ) {
    super(`${code}: ${description}`);
    this.name = 'OAuthProtocolError';
  }

  /** invalid_client is 401 per RFC 6749 (Intuit's status UNCONFIRMED), the rest 400. */
  get httpStatus(): number {
    return this.code === 'invalid_client' ? 401 : 400;
  }

  toBody(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.code, error_description: this.description };
  }
}
