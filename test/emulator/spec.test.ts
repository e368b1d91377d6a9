/**
 * The OpenAPI conversion and validator: nullable schemas, literal-before-template path matching,
 * and the violations reported for requests and responses.
 */

import { toJsonSchema } from '../../src/emulator/spec/openapi';
import { SpecValidator } from '../../src/emulator/spec/validator';

describe('toJsonSchema', () => {
  it('turns nullable with a type into a null type, enums included', () => {
    expect(toJsonSchema({ type: 'string', enum: ['a'], nullable: true })).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
  });

  it('wraps nullable without a type (allOf, $ref) in anyOf with null, also when an allOf member says so', () => {
    expect(toJsonSchema({ allOf: [{ $ref: '#/x' }], nullable: true })).toEqual({
      anyOf: [{ type: 'null' }, { allOf: [{ $ref: '#/x' }] }],
    });
    expect(toJsonSchema({ allOf: [{ type: 'object' }, { nullable: true }] })).toEqual({
      anyOf: [{ type: 'null' }, { allOf: [{ type: 'object' }] }],
    });
  });

  it('leaves property names alone, even ones that look like keywords, and drops examples', () => {
    expect(
      toJsonSchema({
        type: 'object',
        properties: { nullable: { type: 'string', example: 'x' } },
        example: { $id: 'not-an-id' },
      }),
    ).toEqual({
      type: 'object',
      properties: { nullable: { type: 'string' } },
    });
  });
});

describe('SpecValidator', () => {
  const validator = new SpecValidator();

  it('matches literal paths before templated ones, on the API and the upload host alike', () => {
    expect(validator.match('GET', '/2.0/users/me')?.template).toBe('/users/me');
    expect(validator.match('GET', '/2.0/users/123')?.pathParams).toEqual({ user_id: '123' });
    expect(validator.match('POST', '/2.0/files/upload_sessions')?.template).toBe('/files/upload_sessions');
    expect(validator.match('POST', '/oauth2/token')?.operation.operationId).toBe('post_oauth2_token');
    expect(validator.match('GET', '/2.0/files/1/thumbnail.png')?.pathParams).toEqual({
      file_id: '1',
      extension: 'png',
    });
  });

  it('reports a response that breaks its schema, and accepts one that fits', () => {
    const bad = validator.validateResponse('GET', '/2.0/users/me', {
      status: 200,
      contentType: 'application/json',
      body: { type: 'group', id: 1 },
    });
    expect(bad?.errors.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/id', '/type']));
    expect(
      validator.validateResponse('GET', '/2.0/users/me', {
        status: 200,
        contentType: 'application/json',
        body: { type: 'user', id: '1', name: 'A', login: 'a@b.example' },
      }),
    ).toBeUndefined();
  });

  it('reports a request body of the wrong content type, and a missing required header', () => {
    const body = validator.validateRequest({
      method: 'POST',
      path: '/2.0/folders',
      query: new URLSearchParams(),
      headers: {},
      contentType: 'text/plain',
      body: undefined,
      hasBody: true,
    });
    expect(body?.errors[0].message).toContain('content type text/plain not accepted');
    const header = validator.validateRequest({
      method: 'PUT',
      path: '/2.0/files/upload_sessions/ABC',
      query: new URLSearchParams(),
      headers: { 'content-range': 'bytes 0-1/2' },
      contentType: 'application/octet-stream',
      hasBody: true,
    });
    expect(header?.errors).toEqual([
      expect.objectContaining({ location: 'header.digest', message: 'required parameter missing' }),
    ]);
  });

  it('falls back to the single documented 2xx when the spec lists another success status', () => {
    // GET /files/{id}/metadata/{scope}/{key} documents 201; Box answers 200.
    const result = validator.validateResponse('GET', '/2.0/files/1/metadata/enterprise/t', {
      status: 200,
      contentType: 'application/json',
      body: { $id: '01234500-12f1-1234-aa12-b1d234cb567e', $version: 'not a number' },
    });
    expect(result?.errors).toEqual([expect.objectContaining({ instancePath: '/$version' })]);
  });
});
