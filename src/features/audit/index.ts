export { recordAudit, changedFields, auditEntryData, type AuditEntity, type AuditAction } from './record.ts';
