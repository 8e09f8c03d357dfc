-- AlterTable
ALTER TABLE "ReviewReminder" DROP COLUMN "notifiedAt";
