-- AlterTable
ALTER TABLE "AuditCheckpoint" ADD COLUMN     "keyId" TEXT,
ADD COLUMN     "signature" TEXT;
