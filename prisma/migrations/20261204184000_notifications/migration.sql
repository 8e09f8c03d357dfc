-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('PENDING', 'SENDING', 'SENT', 'DEAD', 'HELD', 'DIGESTED');

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "groups" TEXT[],
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotifyPreference" (
    "personId" TEXT NOT NULL,
    "muted" TEXT[],
    "digest" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotifyPreference_pkey" PRIMARY KEY ("personId")
);

-- CreateTable
CREATE TABLE "NotifyMessage" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "seq" BIGINT,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expandedAt" TIMESTAMPTZ(3),

    CONSTRAINT "NotifyMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotifyDelivery" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "messageId" UUID NOT NULL,
    "sink" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "address" TEXT,
    "optional" BOOLEAN NOT NULL DEFAULT true,
    "state" "DeliveryState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "giveUpAt" TIMESTAMPTZ(3) NOT NULL,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "NotifyDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotifyAttempt" (
    "id" BIGSERIAL NOT NULL,
    "deliveryId" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "NotifyAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotifyCursor" (
    "name" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotifyCursor_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Person_lastSeenAt_idx" ON "Person"("lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotifyMessage_key_key" ON "NotifyMessage"("key");

-- CreateIndex
CREATE INDEX "NotifyMessage_createdAt_idx" ON "NotifyMessage"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotifyDelivery_key_key" ON "NotifyDelivery"("key");

-- CreateIndex
CREATE INDEX "NotifyDelivery_state_runAt_idx" ON "NotifyDelivery"("state", "runAt");

-- CreateIndex
CREATE INDEX "NotifyDelivery_messageId_idx" ON "NotifyDelivery"("messageId");

-- CreateIndex
CREATE INDEX "NotifyDelivery_target_state_idx" ON "NotifyDelivery"("target", "state");

-- CreateIndex
CREATE INDEX "NotifyAttempt_deliveryId_attempt_idx" ON "NotifyAttempt"("deliveryId", "attempt");

-- AddForeignKey
ALTER TABLE "NotifyDelivery" ADD CONSTRAINT "NotifyDelivery_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "NotifyMessage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotifyAttempt" ADD CONSTRAINT "NotifyAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "NotifyDelivery"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: messages waiting for their deliveries are found without scanning the sent ones.
CREATE INDEX "NotifyMessage_unexpanded_idx" ON "NotifyMessage"("createdAt") WHERE "expandedAt" IS NULL;

-- The dispatcher starts at the trail's current head: the history before notifications existed is not announced.
INSERT INTO "NotifyCursor" (name, seq) SELECT 'dispatch', seq FROM "AuditHead" WHERE id = 1;
