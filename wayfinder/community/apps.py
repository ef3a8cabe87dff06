from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "wayfinder.community"
    label = "community"
    verbose_name = "Community of practice"

    def ready(self) -> None:
        # Importing the rules names them for core.permissions.can.
        from wayfinder.comms import registry
        from wayfinder.community import (
            digest,
            mail,
            panels,
            permissions,  # noqa: F401
            rights,
        )
        from wayfinder.community import home as community_home
        from wayfinder.core import home
        from wayfinder.core import panels as core_panels

        mail.register()
        digest.register()
        home.register_to_dos(community_home.moderation_waiting)
        core_panels.register("network", panels.discussions_link)
        registry.register_exporter("community", label="Community posts, follows and reports", export=rights.export)
        registry.register_eraser("community", label="your name on your community posts", erase=rights.erase)

        from wayfinder.community import purpose_setup

        purpose_setup.register()  # shared purpose, peers to learn from, the member directory

        from django.db.models.signals import m2m_changed, post_delete, post_save

        from wayfinder.community import caching
        from wayfinder.community.models import Topic
        from wayfinder.core import changes

        changes.committed.connect(caching.follow_changes, dispatch_uid="community")
        # Topics are kept in their own pages and in the admin: however one changes, the pages naming it follow.
        post_save.connect(caching.topics_changed, sender=Topic, dispatch_uid="community-topic-saved")
        post_delete.connect(caching.topics_changed, sender=Topic, dispatch_uid="community-topic-deleted")
        for through in (Topic.dimensions.through, Topic.support_domains.through):
            m2m_changed.connect(caching.topics_changed, sender=through, dispatch_uid=f"community-{through.__name__}")
