import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import ErrorSummary from '#src/components/form/ErrorSummary.astro';
import TextInput from '#src/components/form/TextInput.astro';
import Radios from '#src/components/form/Radios.astro';
import Textarea from '#src/components/form/Textarea.astro';

// The form parts follow GOV.UK's error summary and error message patterns: the summary links to each field, the field
// shows the same words with a hidden "Lỗi:" prefix, and the input is described by its hint and its error.
let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const errors = [{ field: 'q', message: 'Nhập tên xã, phường hoặc tỉnh' }];

describe('form parts', () => {
  it('the error summary links each message to its field and takes focus without a script', async () => {
    const html = await container.renderToString(ErrorSummary, { props: { lang: 'vi', errors } });
    expect(html).toContain('Có lỗi xảy ra');
    expect(html).toContain('href="#f-q"');
    expect(html).toContain('Nhập tên xã, phường hoặc tỉnh');
    expect(html).toMatch(/autofocus/);
    expect(html).not.toMatch(/<script/);
  });

  it('the error summary is absent when there is no error', async () => {
    const html = await container.renderToString(ErrorSummary, { props: { lang: 'en', errors: [] } });
    expect(html).not.toContain('error-summary');
  });

  it('a text input with an error shows the same words as the summary, with a hidden prefix, and is described by hint and error', async () => {
    const html = await container.renderToString(TextInput, {
      props: { lang: 'vi', name: 'q', label: 'Nơi bạn ở', hint: 'Ví dụ: Phú Quốc', errors, value: 'xx' },
    });
    expect(html).toContain('<span class="visually-hidden">Lỗi: </span>Nhập tên xã, phường hoặc tỉnh');
    expect(html).toContain('aria-describedby="f-q-hint f-q-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="xx"');
    expect(html).toContain('for="f-q"');
  });

  it('a text input without an error is described by its hint only', async () => {
    const html = await container.renderToString(TextInput, {
      props: { lang: 'en', name: 'q', label: 'Place', hint: 'e.g. Phú Quốc' },
    });
    expect(html).toContain('aria-describedby="f-q-hint"');
    expect(html).not.toContain('aria-invalid');
  });

  it('radios put the field id on the first option, so the summary link lands on the group', async () => {
    const html = await container.renderToString(Radios, {
      props: {
        lang: 'en',
        name: 'who',
        legend: 'Who is it for?',
        options: [
          { value: 'self', label: 'Myself' },
          { value: 'family', label: 'A family member' },
        ],
        errors: [{ field: 'who', message: 'Choose who the help is for' }],
        value: 'family',
      },
    });
    expect(html).toMatch(/id="f-who"[^>]*value="self"|value="self"[^>]*id="f-who"/);
    expect(html).toContain('<span class="visually-hidden">Error: </span>Choose who the help is for');
    expect(html).toMatch(/value="family"[^>]*checked|checked[^>]*value="family"/);
  });

  it('a textarea keeps what the person typed', async () => {
    const html = await container.renderToString(Textarea, {
      props: { lang: 'vi', name: 'message', label: 'Lời nhắn', value: 'Xin chào <b>' },
    });
    expect(html).toContain('Xin chào &lt;b&gt;');
  });
});
