/**
 * Error codes that Azure Resource Manager and most Azure services return for any kind of
 * failure (AKS, storage, Key Vault, policy, deployments). Several of our codes contain one
 * of them ("UserErrorOperationNotAllowedDatabaseMirroringEnabled" contains
 * "OperationNotAllowed"), so a paste from another product would otherwise read as a
 * fragment of ours. Their words are the vocabulary that says nothing about which of our
 * codes is meant: a near-code must cover more than these words to name one of ours.
 */
export const GENERIC_AZURE_CODES: readonly string[] = [
  'BadRequest',
  'Conflict',
  'Forbidden',
  'NotFound',
  'InternalServerError',
  'InternalError',
  'ServiceUnavailable',
  'GatewayTimeout',
  'TooManyRequests',
  'ResourceNotFound',
  'ResourceGroupNotFound',
  'ParentResourceNotFound',
  'AuthorizationFailed',
  'LinkedAuthorizationFailed',
  'AuthorizationPermissionMismatch',
  'InvalidAuthenticationToken',
  'ExpiredAuthenticationToken',
  'OperationNotAllowed',
  'OperationNotSupported',
  'OperationTimedOut',
  'OperationPreempted',
  'OperationFailed',
  'AnotherOperationInProgress',
  'InvalidParameter',
  'InvalidRequestContent',
  'InvalidResourceReference',
  'InvalidTemplate',
  'DeploymentFailed',
  'QuotaExceeded',
  'ResourceQuotaExceeded',
  'SkuNotAvailable',
  'RequestDisallowedByPolicy',
  'MissingSubscriptionRegistration',
  'PropertyChangeNotAllowed',
  'RetryableError',
  'UnknownError',
];

const LOWER = new Set(GENERIC_AZURE_CODES.map((c) => c.toLowerCase()));

export function isGenericAzureCode(word: string): boolean {
  return LOWER.has(word.toLowerCase());
}

/** Lower-case words of the generic codes ("operation", "not", "allowed", ...). */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  GENERIC_AZURE_CODES.flatMap((c) => c.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(' ')),
);
