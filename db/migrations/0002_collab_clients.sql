CREATE TABLE "collab_clients" (
	"room" text NOT NULL,
	"client_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collab_clients_room_client_id_pk" PRIMARY KEY("room","client_id")
);
--> statement-breakpoint
ALTER TABLE "collab_clients" ADD CONSTRAINT "collab_clients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;