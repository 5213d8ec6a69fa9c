import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1, checked whole by a validator (schemas, references, operations)', async () => {
    const result = await validate(structuredClone(openApiDocument('https://wegweiser.example.org')) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('names where its licence is written (strict linters want a url or an SPDX identifier, not both)', () => {
    const { license } = openApiDocument('https://wegweiser.example.org').info as {
      license: { name: string; url?: string; identifier?: string };
    };
    expect(license.name).toBeTruthy();
    expect(Boolean(license.url) !== Boolean(license.identifier)).toBe(true);
    if (license.url) expect(new URL(license.url).origin).toBe('https://wegweiser.example.org');
  });
});
