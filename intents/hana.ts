/**
 * SAP HANA codes. The HANA workload shares the backup extension with SQL Server, so HANA
 * failures look like ours; answering one with a SQL entry would send a DBA down the wrong
 * path. The list is facts §1c (HANA troubleshoot article); any code naming HANA counts too.
 */
const HANA_ONLY_CODES = [
  'UserErrorHANAInternalRoleNotPresent',
  'UserErrorInOpeningHanaOdbcConnection',
  'UserErrorHanaInstanceNameInvalid',
  'UserErrorHANALSNValidationFailure',
  'UserErrorSDCtoMDCUpgradeDetected',
  'UserErrorInvalidBackintConfiguration',
  'UserErrorIncompatibleSrcTargetSystemsForRestore',
  'UserErrorHANAPODoesNotExist',
  'UserErrorInsufficientPrivilegeOfDatabaseUser',
  'UserErrorDatabaseUserPasswordExpired',
  'UserErrorInconsistentSSFS',
  'UserErrorCannotConnectToAzureActiveDirectoryService',
  'UserErrorMisConfiguredSslCaStore',
  'UserErrorHanaPreScriptNotRun',
  'UserErrorPreregistrationScriptNotRun',
  'UserErrorTargetPOExistsOverwriteNotSpecified',
  'UserErrorRecoverySysScriptFailedToTriggerRestore',
  'UserErrorDBNameNotInCorrectFormat',
  'UserErrorDefaultSidAdmDirectoryChanged',
  'UserErrorHDBsettingsScriptNotFound',
  'UserErrorInsufficientSpaceOnSystemDriveForExtensionMetadata',
  'UserErrorVMIdentityNotEnabled',
  'UserErrorVMIdentityRequiresCreateSnapshotsRole',
  'UserErrorVMIdentityRequiresReadSnapshotsRole',
  'UserErrorVMIdentityRequiresReadDisksRole',
] as const;

const HANA_LOWER = new Set<string>(HANA_ONLY_CODES.map((c) => c.toLowerCase()));

/** True for a HANA-only code, or any code-shaped word that names HANA. */
export function isHanaCode(word: string): boolean {
  const lower = word.toLowerCase();
  return HANA_LOWER.has(lower) || (lower.includes('hana') && lower.length > 8);
}

export { HANA_ONLY_CODES };
