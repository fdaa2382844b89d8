import type { OcppHandler } from '../../ingress/handler-context';

/**
 * QCharge implements no vendor extensions, so every vendorId is unknown to it. The frame itself
 * reaches integrators through the ocppMessages subscription.
 */
export const dataTransfer: OcppHandler<'DataTransfer'> = async () => ({ status: 'UnknownVendorId' });
