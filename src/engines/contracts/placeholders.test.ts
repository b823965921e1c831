import { describe, expect, it } from 'vitest';
import { fillTemplate, findPlaceholders, findUnknownPlaceholders, mergeFieldValues } from './placeholders.ts';
import { systemFieldValues } from './system-fields.ts';

describe('placeholders', () => {
  it('finds distinct placeholders in order, tolerating inner spaces', () => {
    expect(findPlaceholders('<p>%{firstName} %{ lastName } %{firstName} %{plan_name}</p>')).toEqual(['firstName', 'lastName', 'plan_name']);
  });

  it('reports placeholders that are neither ID nor system fields', () => {
    expect(findUnknownPlaceholders('%{fullName} %{dob} %{date} %{reference} %{companyname} %{signer_ip} %{loan_amount} %{Fullname}')).toEqual(['loan_amount', 'Fullname']);
  });

  it('lets ID data win over prefill, and system fields over both', () => {
    const values = mergeFieldValues({
      prefill: { fullName: 'Prefilled Name', loan_amount: 5000, date: '1999-01-01' },
      data: { fullName: 'JOHN SMITH', dob_year: 1998, middleName: '' },
      system: systemFieldValues({ now: Date.UTC(2026, 0, 31, 12, 0, 0), reference: 'ABC123', signerIp: '203.0.113.9' }),
    });
    expect(values.fullName).toBe('JOHN SMITH');
    expect(values.loan_amount).toBe('5000');
    expect(values.dob_year).toBe('1998');
    expect(values.date).toBe('2026-01-31');
    expect(values.reference).toBe('ABC123');
    expect(values.ip).toBe('203.0.113.9');
  });

  it('does not let an empty ID field hide a prefill value', () => {
    expect(mergeFieldValues({ prefill: { address1: '1 Main St' }, data: { address1: '' } }).address1).toBe('1 Main St');
  });

  it('escapes values, blanks missing ones and lists them', () => {
    const { html, missing } = fillTemplate('<p title="%{fullName}">%{fullName} owes %{amount} by %{due}</p>', { fullName: '<script>x</script> "Bob" & Co', amount: '10\n20' });
    expect(html).toBe('<p title="&lt;script&gt;x&lt;/script&gt; &quot;Bob&quot; &amp; Co">&lt;script&gt;x&lt;/script&gt; &quot;Bob&quot; &amp; Co owes 10<br>20 by </p>');
    expect(missing).toEqual(['due']);
  });

  it('ignores inherited object keys as values', () => {
    expect(fillTemplate('%{constructor}', {}).missing).toEqual(['constructor']);
  });
});
