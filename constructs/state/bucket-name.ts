/**
 * Names the state bucket may have: S3's rules (3 to 63 lower-case letters, digits or hyphens; no `xn--` prefix, no
 * `-s3alias` suffix) minus dots, which break TLS on virtual-hosted bucket URLs. Kept free of provider imports so
 * config validation can use it.
 */
export const STATE_BUCKET_NAME = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
