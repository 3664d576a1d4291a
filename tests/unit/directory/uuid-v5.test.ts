import { describe, expect, it } from 'vitest';
import { isUuid, NAMESPACE_DNS, uuidV5 } from '#src/features/directory/uuid-v5.ts';

describe('uuidV5', () => {
  it('matches the published value for python.org in the DNS namespace', () => {
    // Python's documentation: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
    expect(uuidV5(NAMESPACE_DNS, 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('gives the same id for the same name, and another for another name or namespace', () => {
    const namespace = 'eb2bba85-5105-4065-bd36-810d631e80d3';
    expect(uuidV5(namespace, 'location:01-1')).toBe(uuidV5(namespace, 'location:01-1'));
    expect(uuidV5(namespace, 'location:01-1')).not.toBe(uuidV5(namespace, 'location:01-2'));
    expect(uuidV5(NAMESPACE_DNS, 'location:01-1')).not.toBe(uuidV5(namespace, 'location:01-1'));
  });

  it('hashes names as UTF-8, so Vietnamese names are stable', () => {
    expect(uuidV5(NAMESPACE_DNS, 'Trạm Y tế xã Ba Bể')).toBe(uuidV5(NAMESPACE_DNS, 'Trạm Y tế xã Ba Bể'));
    expect(uuidV5(NAMESPACE_DNS, 'Trạm Y tế xã Ba Bể')).not.toBe(uuidV5(NAMESPACE_DNS, 'Tram Y te xa Ba Be'));
  });

  it('sets the version (5) and the RFC variant bits', () => {
    const id = uuidV5(NAMESPACE_DNS, 'anything');
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('5');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('not-a-uuid', 'x')).toThrow(TypeError);
  });
});
