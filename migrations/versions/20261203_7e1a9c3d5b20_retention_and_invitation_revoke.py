"""last activity of contact requests and referrals (maximum retention), revoked invitations

Revision ID: 7e1a9c3d5b20
Revises: 7a3e5c1d9b20
Create Date: 2026-12-03 18:35:00

"""
from alembic import op
import sqlalchemy as sa

import tarjotin.db


# revision identifiers, used by Alembic.
revision = '7e1a9c3d5b20'
down_revision = '7a3e5c1d9b20'
branch_labels = None
depends_on = None


def upgrade():
    # Existing rows: their last activity is the latest time the table already records.
    with op.batch_alter_table('contact_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_activity_at', tarjotin.db.UTCDateTime(timezone=True), nullable=True))
    op.execute("UPDATE contact_request SET last_activity_at = COALESCE(closed_at, opened_at, created_at)")
    with op.batch_alter_table('contact_request', schema=None) as batch_op:
        batch_op.alter_column('last_activity_at', existing_type=tarjotin.db.UTCDateTime(timezone=True), nullable=False)
        batch_op.create_index(batch_op.f('ix_contact_request_last_activity_at'), ['last_activity_at'], unique=False)

    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_activity_at', tarjotin.db.UTCDateTime(timezone=True), nullable=True))
    op.execute("UPDATE referral SET last_activity_at = COALESCE(closed_at, cancelled_at, client_declined_at, "
               "could_not_reach_at, started_at, contacted_at, declined_at, accepted_at, opened_at, created_at)")
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.alter_column('last_activity_at', existing_type=tarjotin.db.UTCDateTime(timezone=True), nullable=False)
        batch_op.create_index(batch_op.f('ix_referral_last_activity_at'), ['last_activity_at'], unique=False)

    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revoked_at', tarjotin.db.UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_column('revoked_at')
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_last_activity_at'))
        batch_op.drop_column('last_activity_at')
    with op.batch_alter_table('contact_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_request_last_activity_at'))
        batch_op.drop_column('last_activity_at')
