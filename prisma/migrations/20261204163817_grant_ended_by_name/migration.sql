-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "endedByName" TEXT;
