export { recordAudit, changedFields, type AuditEntity, type AuditAction } from './record.ts';
