// The page dialog asks which service when the summary names a known service other than the one
// in the service field (issue #17: "payments-api p99 above 800ms" was filed under checkout-web).

import { describe, expect, it } from 'vitest';
import { serviceNamedIn, serviceToConfirm } from '../shared/domain/service-mention';

const services = ['checkout-web', 'payments-api', 'payments', 'api', 'search.indexer'];

describe('the service a summary names', () => {
  it('finds a known service named as a whole word, any case', () => {
    expect(serviceNamedIn('payments-api p99 above 800ms', services)).toBe('payments-api');
    expect(serviceNamedIn('p99 above 800ms on PAYMENTS-API', services)).toBe('payments-api');
    expect(serviceNamedIn('search.indexer: JVM heap above 85%', services)).toBe('search.indexer');
    expect(serviceNamedIn('card processor timeouts in payments.', services)).toBe('payments');
  });

  it('does not see a service inside a longer word or name', () => {
    expect(serviceNamedIn('payments-apiary is slow', ['payments-api'])).toBeNull();
    expect(serviceNamedIn('mypayments-api down', ['payments-api'])).toBeNull();
    expect(serviceNamedIn('disk full', services)).toBeNull();
    expect(serviceNamedIn('anything', [''])).toBeNull();
  });

  it('prefers the longest name when several match', () => {
    expect(serviceNamedIn('payments-api error rate', services)).toBe('payments-api');
  });
});

describe('when the dialog asks for a choice', () => {
  it('asks when the summary names another known service than the defaulted one', () => {
    expect(serviceToConfirm('payments-api p99 above 800ms', 'checkout-web', services, false)).toBe('payments-api');
  });
  it('does not ask when they agree, when none is named, or once the person chose', () => {
    expect(serviceToConfirm('payments-api p99 above 800ms', 'Payments-API', services, false)).toBeNull();
    expect(serviceToConfirm('card processor timeouts', 'checkout-web', services, false)).toBeNull();
    expect(serviceToConfirm('payments-api p99 above 800ms', 'checkout-web', services, true)).toBeNull();
  });
});
